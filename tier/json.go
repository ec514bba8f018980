package tier

import "github.com/partnerecon/partnerecon/strictjson"

// MarshalJSON encodes the schedule's Spec with strictjson: snake_case
// members, decimals and rates as strings, unused fields omitted. The zero
// Schedule fails (its mode is invalid).
func (s Schedule) MarshalJSON() ([]byte, error) {
	return strictjson.Marshal(s.spec)
}

// UnmarshalJSON decodes a Spec strictly (strictjson.Unmarshal with default
// limits: unknown or duplicate members, null and JSON numbers for decimals
// are errors) and validates it as New does. On error s is unchanged.
func (s *Schedule) UnmarshalJSON(data []byte) error {
	var spec Spec
	if err := strictjson.Unmarshal(data, &spec, strictjson.Limits{}); err != nil {
		return err
	}
	v, err := New(spec)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseJSON decodes and validates a schedule document, as
// Schedule.UnmarshalJSON does, with the caller's limits.
func ParseJSON(data []byte, lim strictjson.Limits) (Schedule, error) {
	var spec Spec
	if err := strictjson.Unmarshal(data, &spec, lim); err != nil {
		return Schedule{}, err
	}
	return New(spec)
}
