package mdf_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/partnerecon/partnerecon/internal/proptest"
	"github.com/partnerecon/partnerecon/mdf"
	"github.com/partnerecon/partnerecon/money"
)

func TestMain(m *testing.M) { proptest.Main(m) }

var (
	usd = money.MustCurrency("USD")
	eur = money.MustCurrency("EUR")
	t0  = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
)

func amt(s string) money.Amount { return money.MustParse(s) }

func dec(s string) decimal.Decimal { return money.MustDecimal(s) }

func rate(s string) money.Rate { return money.MustRate(s) }

func ptr[T any](v T) *T { return &v }

func day(n int) time.Time { return t0.AddDate(0, 0, n) }

// discretionary is an open USD fund valid for 2025.
func discretionary(id string) mdf.Fund {
	return mdf.MustNewFund(mdf.FundSpec{ID: id, Kind: mdf.Discretionary, Currency: usd, OpensAt: t0, ExpiresAt: day(365)})
}

// programme: 60 days to claim, one 30-day extension; trade shows
// reimbursed at 50 % with an invoice, 10 attendees and 1 lead; e-mail at
// 100 % with an invoice and 100 recipients.
func programme() mdf.Programme {
	return mdf.MustParseProgramme(`{
	  "claim_window_days": 60, "max_extensions": 1, "extension_days": 30, "rounding": "half-even",
	  "activities": [
	    {"type": "trade-show", "vendor_share": "50%", "evidence": [{"kind": "invoice", "min": 1}, {"kind": "attendee-list", "min": 10}, {"kind": "leads", "min": 1}]},
	    {"type": "email", "vendor_share": "100%", "evidence": [{"kind": "invoice", "min": 1}, {"kind": "recipients", "min": 100}]},
	    {"type": "webinar", "vendor_share": "75%"}
	  ]}`)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err) // test literals only
	}
	return v
}
