package enum

import (
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"strconv"
	"time"
)

// SQLText returns the text a Scan method hands to its type's
// UnmarshalText, so that every database value the type rejects is
// rejected by the package's own parser with the package's own typed error
// (one implementation for every Scanner of the module):
//
//   - string and []byte: the text itself (copied, never retained);
//   - int64: its decimal digits (an integer column holding a rate
//     fraction or a count reads exactly);
//   - nil: "NULL" (which no type accepts: a nullable column scans into
//     sql.Null[T]);
//   - bool and time.Time: their text ("true", an RFC 3339 time), which no
//     type accepts;
//   - float64 and anything else: "float" or "value" followed by its text,
//     which no type accepts: money never passes through a binary float.
func SQLText(src any) []byte {
	switch v := src.(type) {
	case string:
		return []byte(v)
	case []byte:
		return append([]byte(nil), v...)
	case int64:
		return strconv.AppendInt(nil, v, 10)
	case nil:
		return []byte("NULL")
	case bool:
		return strconv.AppendBool(nil, v)
	case time.Time:
		return v.AppendFormat(nil, time.RFC3339Nano)
	case float64: //lint:allow float a database float is rejected, never used as a number
		return strconv.AppendFloat([]byte("float "), v, 'g', -1, 64)
	default:
		return []byte("value")
	}
}

// SQLValue returns m's text form as a string, the driver.Value of every
// Valuer of the module. A value without a text form (the unspecified
// enum value, the zero Amount) is the MarshalText error.
func SQLValue(m encoding.TextMarshaler) (driver.Value, error) {
	b, err := m.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// SQLJSON returns m's JSON form as a string, the driver.Value of the
// module's documents (plans, policies, schedules): their canonical JSON,
// for a JSONB or TEXT column.
func SQLJSON(m json.Marshaler) (driver.Value, error) {
	b, err := m.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}
