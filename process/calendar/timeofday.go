package calendar

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/smskit/iso20000/process"
)

// TimeOfDay is a wall-clock time in a calendar's zone, as seconds after
// midnight, from 00:00 to 24:00 inclusive (ISO/IEC 20000-1:2011, 6.1). It
// reads and writes as "15:04" or "15:04:05".
type TimeOfDay int32

// HM returns the time of day h:m, for opening hours (ISO/IEC 20000-1:2011,
// 6.1).
func HM(h, m int) TimeOfDay { return TimeOfDay(h*3600 + m*60) }

// Valid reports whether t lies between 00:00 and 24:00.
func (t TimeOfDay) Valid() bool { return t >= 0 && t <= secondsPerDay }

// String returns "15:04", or "15:04:05" when t has seconds.
func (t TimeOfDay) String() string {
	if !t.Valid() {
		return fmt.Sprintf("%%!TimeOfDay(%d)", int32(t))
	}
	h, m, s := t/3600, t/60%60, t%60
	if s != 0 {
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// ParseTimeOfDay reads an opening time "15:04" or "15:04:05", from 00:00 to
// 24:00 (ISO/IEC 20000-1:2011, 6.1).
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("calendar: time of day %q: %w", s, process.ErrInvalidValue)
	}
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) != 2 || n < 0 || (i == 0 && n > 24) || (i > 0 && n > 59) {
			return 0, fmt.Errorf("calendar: time of day %q: %w", s, process.ErrInvalidValue)
		}
		v[i] = n
	}
	t := TimeOfDay(v[0]*3600 + v[1]*60 + v[2])
	if !t.Valid() {
		return 0, fmt.Errorf("calendar: time of day %q: %w", s, process.ErrInvalidValue)
	}
	return t, nil
}

// MarshalText writes t as "15:04" or "15:04:05"; it refuses an invalid t.
func (t TimeOfDay) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("calendar: time of day %d: %w", int32(t), process.ErrInvalidValue)
	}
	return []byte(t.String()), nil
}

// UnmarshalText reads t as ParseTimeOfDay does.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Interval is a span of opening hours within a day, from Start to End in
// wall-clock time (ISO/IEC 20000-1:2011, 6.1). An End at or before Start
// crosses midnight: 22:00–06:00 is a night shift that belongs to the day it
// starts on (a holiday on that day closes the whole shift). 00:00–24:00 is
// the whole day. Start and End may not be equal.
type Interval struct {
	Start TimeOfDay `json:"start"`
	End   TimeOfDay `json:"end"`
}

// String returns "09:00-17:00".
func (iv Interval) String() string { return iv.Start.String() + "-" + iv.End.String() }

// crosses reports whether iv runs past midnight into the next day.
func (iv Interval) crosses() bool { return iv.End <= iv.Start }

func (iv Interval) validate(path string, v *process.ValidationError) {
	switch {
	case !iv.Start.Valid() || iv.Start == secondsPerDay:
		v.Addf(path+".start", process.ErrInvalidValue, "%d is outside 00:00–23:59:59", int32(iv.Start))
	case !iv.End.Valid():
		v.Addf(path+".end", process.ErrInvalidValue, "%d is outside 00:00–24:00", int32(iv.End))
	case iv.Start == iv.End:
		v.Addf(path, process.ErrInvalidValue, "empty interval %s", iv)
	}
}
