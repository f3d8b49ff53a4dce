package calendar

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// Date is a civil date in a calendar's zone (ISO/IEC 20000-1:2011, 6.1:
// holidays and exceptions of the service hours). It reads and writes as
// "2006-01-02". The zero Date is unset.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a holiday or exception date "2006-01-02" (ISO/IEC
// 20000-1:2011, 6.1).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: date %q: %w", s, process.ErrInvalidValue)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// Valid reports whether d is a day of the Gregorian calendar.
func (d Date) Valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// String returns "2006-01-02".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes d as "2006-01-02", and the zero Date as nothing
// (unset, as the module encodes every unset value, so that a zero holiday
// or closure encodes and its spec's validation reports the date); it
// refuses any other invalid d.
func (d Date) MarshalText() ([]byte, error) {
	if d == (Date{}) {
		return []byte{}, nil
	}
	if !d.Valid() {
		return nil, fmt.Errorf("calendar: date %s: %w", d, process.ErrInvalidValue)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads d as ParseDate does, and "" as the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// dayNumber returns the days from 1970-01-01 to d.
func (d Date) dayNumber() int64 { return daysFromCivil(int64(d.Year), int64(d.Month), int64(d.Day)) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// daysFromCivil is H. Hinnant's days_from_civil: days since 1970-01-01.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// civilFromDays is H. Hinnant's civil_from_days: the date of day number z
// (days since 1970-01-01).
func civilFromDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}
