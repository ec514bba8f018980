// Package omitzero holds the cases of rule omitzero: omitzero on a pointer
// to a type with IsZero drops a present zero value.
package omitzero

import (
	"github.com/partnerecon/partnerecon/money"
	"github.com/shopspring/decimal"
)

type Flag bool

type Limits struct {
	Cap      *decimal.Decimal `json:"cap,omitzero"`              // want `houserules: omitzero on \*github.com/shopspring/decimal.Decimal drops a present zero value`
	Size     *money.Amount    `json:"size,omitzero" yaml:"size"` // want `houserules: omitzero on \*github.com/partnerecon/partnerecon/money.Amount drops`
	Share    *money.Rate      `json:"share,omitempty"`           // omitempty omits only nil
	Floor    decimal.Decimal  `json:"floor,omitzero"`            // not a pointer: a zero value is omitted by design
	On       *bool            `json:"on,omitzero"`               // bool has no IsZero
	Flag     *Flag            `json:"flag,omitzero"`             // no IsZero either
	Untagged *decimal.Decimal // no tag
	Other    *decimal.Decimal `xml:"other,omitzero"` // not json
}
