package calendar

import (
	"time"

	"github.com/smskit/iso20000/process"
)

// Feast is a movable feast whose date follows Easter Sunday (the Western,
// Gregorian computus), for a [Holiday] that recurs every year without its
// dates typed in by hand (ISO/IEC 20000-1:2011, 6.1: the service hours'
// holidays). The zero Feast is unset.
type Feast string

// The movable feasts, by their distance from Easter Sunday.
const (
	MaundyThursday Feast = "maundy-thursday" // Easter − 3 days
	GoodFriday     Feast = "good-friday"     // Easter − 2 days
	HolySaturday   Feast = "holy-saturday"   // Easter − 1 day
	EasterSunday   Feast = "easter-sunday"
	EasterMonday   Feast = "easter-monday"  // Easter + 1 day
	Ascension      Feast = "ascension"      // Easter + 39 days (a Thursday)
	WhitSunday     Feast = "whit-sunday"    // Easter + 49 days (Pentecost)
	WhitMonday     Feast = "whit-monday"    // Easter + 50 days
	CorpusChristi  Feast = "corpus-christi" // Easter + 60 days (a Thursday)
)

var feastOffset = map[Feast]int64{
	MaundyThursday: -3, GoodFriday: -2, HolySaturday: -1, EasterSunday: 0, EasterMonday: 1,
	Ascension: 39, WhitSunday: 49, WhitMonday: 50, CorpusChristi: 60,
}

// Valid reports whether f is one of the feasts above.
func (f Feast) Valid() bool { _, ok := feastOffset[f]; return ok }

// String returns the feast's code.
func (f Feast) String() string { return string(f) }

// MarshalText encodes the feast as its code, and the zero Feast as empty
// text; it refuses an unknown feast with an error wrapping
// [process.ErrInvalidValue].
func (f Feast) MarshalText() ([]byte, error) { return process.MarshalEnum(f) }

// UnmarshalText decodes a feast's code, and empty text as the zero Feast;
// it refuses any other text with an error wrapping
// [process.ErrInvalidValue], leaving f unchanged.
func (f *Feast) UnmarshalText(b []byte) error { return process.UnmarshalEnum(f, b) }

// In returns the feast's date in year y of the Gregorian calendar.
func (f Feast) In(y int) Date {
	return civilFromDays(easter(y).dayNumber() + feastOffset[f])
}

// easter returns Easter Sunday of year y (the anonymous Gregorian
// algorithm, valid for every Gregorian year).
func easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{y, time.Month(month), day}
}
