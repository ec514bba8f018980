package loyalty

import (
	"math/bits"
	"strconv"
	"time"
)

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// floorDiv returns ⌊a / b⌋ for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) {
		q--
	}
	return q
}

// unixDay returns the number of whole UTC days from 1970-01-01 to t.
func unixDay(t time.Time) int64 { return floorDiv(t.Unix(), 86400) }

// civil returns the proleptic Gregorian year and month (1–12) of a day
// number counted from 1970-01-01 (H. Hinnant's days-to-civil algorithm).
func civil(days int64) (year, month int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	month = mp + 3
	if month > 12 {
		month -= 12
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month
}

// windowKey numbers the cap window that contains day (UTC day number):
// consecutive windows have consecutive keys.
func windowKey(w CapWindow, day int64) int64 {
	switch w {
	case PerDay:
		return day
	case PerWeek:
		return floorDiv(day+3, 7) // 1970-01-01 was a Thursday; weeks start on Monday
	case PerMonth:
		y, m := civil(day)
		return y*12 + m - 1
	case PerQuarter:
		y, m := civil(day)
		return y*4 + (m-1)/3
	case PerYear, CapWindowUnspecified: // unspecified never reaches here: caps need a window
		y, _ := civil(day)
		return y
	}
	return day
}

// radixSort sorts keys in ascending order: least significant digit
// first, 11 bits a pass, as many passes as the largest key needs.
func radixSort(keys []uint64) {
	const digit = 11
	var hi uint64
	for _, k := range keys {
		hi |= k
	}
	buf := make([]uint64, len(keys))
	src, dst := keys, buf
	for shift := 0; shift < bits.Len64(hi); shift += digit {
		var count [1<<digit + 1]int
		for _, k := range src {
			count[(k>>shift)&(1<<digit-1)+1]++
		}
		for d := 1; d < len(count); d++ {
			count[d] += count[d-1]
		}
		for _, k := range src {
			d := (k >> shift) & (1<<digit - 1)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	copy(keys, src)
}
