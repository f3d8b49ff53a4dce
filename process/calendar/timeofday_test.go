package calendar

import (
	"strings"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want TimeOfDay
		ok   bool
	}{
		{"09:00", HM(9, 0), true},
		{"24:00", HM(24, 0), true},
		{"23:59:59", HM(23, 59) + 59, true},
		{"24:01", 0, false},
		{"9:00", 0, false},
		{"12:60", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTimeOfDay(tt.in)
			if !tt.ok {
				assert.ErrorIs(t, err, process.ErrInvalidValue)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

func TestTimeOfDayText(t *testing.T) {
	b, err := HM(22, 30).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "22:30", string(b))
	var got TimeOfDay
	require.NoError(t, got.UnmarshalText([]byte("06:15:30")))
	assert.Equal(t, HM(6, 15)+30, got)

	_, err = TimeOfDay(-1).MarshalText()
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	assert.Equal(t, "%!TimeOfDay(-1)", TimeOfDay(-1).String())
	got = HM(9, 0)
	err = got.UnmarshalText([]byte("9am"))
	assert.ErrorIs(t, err, process.ErrInvalidValue)
	assert.Equal(t, HM(9, 0), got, "a refused text leaves the time unchanged")
	if assert.Error(t, err) {
		assert.True(t, strings.HasPrefix(err.Error(), "calendar: time of day "), "got %q", err)
	}
}
