package main

import (
	"io"
	"strconv"

	"github.com/partnerecon/partnerecon/incentive"
	"github.com/partnerecon/partnerecon/money"
)

// generator is an io.Reader producing a transactions CSV of n lines for
// the embedded sample plan, on the fly (nothing is stored): partners
// g0000 … g(partners−1), each with five reps, every line a different
// transaction ID. Line i (from 0) is, by i mod 20: 0–13 a sale,
// 14 a credit note, 15 a return, 16–19 a lead-registered event; its
// partner is i·7919 mod partners, its date day i mod days of the
// period (at most the first 366), its amount 10,000 + (i·37 mod 100,000)
// minor units of the currency (100.00 to 1,099.99 USD; negated and
// halved, rounded toward zero, for credit notes and returns). Every
// tenth sale is outside the partner's authorised territory.
type generator struct {
	n, i     int64
	partners int64
	dates    []string // the days of the period, "YYYY-MM-DD"
	currency string
	digits   int // the currency's minor-unit digits
	buf      []byte
}

func newGenerator(n, partners int64, period incentive.Period, currency money.Currency) *generator {
	g := &generator{n: n, partners: max(partners, 1), currency: currency.Code(), digits: int(currency.Digits())}
	for d := period.Start; d.Before(period.End) && len(g.dates) < 366; d = d.AddDate(0, 0, 1) {
		g.dates = append(g.dates, d.Format("2006-01-02"))
	}
	g.buf = append(g.buf, "id,date,kind,partner_id,rep_id,amount,currency,motion,billing,authorised,event\n"...)
	return g
}

// Read fills p with whole lines (and the rest of the current one).
func (g *generator) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i < g.n {
		g.buf = g.line(g.buf, g.i)
		g.i++
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

func (g *generator) line(b []byte, i int64) []byte {
	partner := i * 7919 % g.partners
	b = append(b, 'g')
	b = appendPadded(b, i, 10)
	b = append(b, ',')
	b = append(b, g.dates[i%int64(len(g.dates))]...)
	kind := i % 20
	switch {
	case kind < 14:
		b = append(b, ",sale,"...)
	case kind == 14:
		b = append(b, ",credit-note,"...)
	case kind == 15:
		b = append(b, ",return,"...)
	default:
		b = append(b, ",event,"...)
	}
	b = append(b, 'g')
	b = appendPadded(b, partner, 4)
	b = append(b, ",r"...)
	b = appendPadded(b, partner, 4)
	b = append(b, '-')
	b = strconv.AppendInt(b, i%5, 10)
	b = append(b, ',')
	if kind >= 16 {
		return append(b, ",,,,,lead-registered\n"...)
	}
	minor := 10_000 + i*37%100_000
	if kind >= 14 {
		b = append(b, '-')
		minor /= 2
	}
	b = appendMinor(b, minor, g.digits)
	b = append(b, ',')
	b = append(b, g.currency...)
	b = append(b, [3]string{",new", ",renewal", ",expansion"}[i%3]...)
	b = append(b, [2]string{",recurring", ",one-time"}[i%2]...)
	if i%10 == 0 {
		return append(b, ",false,\n"...)
	}
	return append(b, ",true,\n"...)
}

// appendMinor appends v ≥ 0 minor units with digits decimals ("100.37"
// for 10037 at 2, "10037" at 0).
func appendMinor(b []byte, v int64, digits int) []byte {
	if digits == 0 {
		return strconv.AppendInt(b, v, 10)
	}
	p := int64(1)
	for range digits {
		p *= 10
	}
	b = strconv.AppendInt(b, v/p, 10)
	b = append(b, '.')
	return appendPadded(b, v%p, digits)
}

// generatedCSAT is the csat every generated partner has (the sample
// plan's cloud bonus reads it).
const generatedCSAT = "4.2"

// generatedPartner returns the ID of generated partner p.
func generatedPartner(p int64) string { return "g" + string(appendPadded(nil, p, 4)) }

// generatedFactsCSV is the facts of generated partners 0 … partners−1
// as a -facts file.
func generatedFactsCSV(partners int64) []byte {
	b := []byte("recipient,fact,name,value\n")
	for p := range partners {
		b = append(b, "partner:"+generatedPartner(p)+",metric,csat,"+generatedCSAT+"\n"...)
	}
	return b
}

// appendPadded appends v in decimal with at least width digits.
func appendPadded(b []byte, v int64, width int) []byte {
	s := strconv.FormatInt(v, 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}
