package calendar

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDate(t *testing.T) {
	tests := []struct {
		in    string
		want  Date
		valid bool
	}{
		{"2026-12-25", Date{2026, time.December, 25}, true},
		{"2028-02-29", Date{2028, time.February, 29}, true},
		{"2026-02-29", Date{}, false},
		{"2026-13-01", Date{}, false},
		{"25.12.2026", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if !tt.valid {
				assert.ErrorIs(t, err, process.ErrInvalidValue)
				if assert.Error(t, err) {
					assert.True(t, strings.HasPrefix(err.Error(), "calendar: date "), "got %q", err)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.True(t, got.Valid())
			b, err := got.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.in, string(b))
			var back Date
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, got, back)
		})
	}
	assert.False(t, Date{2026, time.February, 29}.Valid())
	_, err := Date{2026, time.April, 31}.MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	d := Date{2026, time.May, 1}
	assert.Error(t, d.UnmarshalText([]byte("2026-05-32")))
	assert.Equal(t, Date{2026, time.May, 1}, d, "a refused text leaves the date unchanged")
}

// The zero Date encodes as unset and decodes back, so that a zero holiday
// encodes; the spec's validation then reports the missing date.
func TestZeroDateText(t *testing.T) {
	b, err := json.Marshal(Holiday{Name: "x"})
	require.NoError(t, err)
	var h Holiday
	require.NoError(t, json.Unmarshal(b, &h))
	assert.Equal(t, Holiday{Name: "x"}, h)
	_, err = New(Spec{Name: "office", Zone: "UTC", Week: MondayToFriday(AllDay()), Holidays: []Holiday{h}})
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	_, err = Date{Year: 2026, Month: 2, Day: 30}.MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
}
