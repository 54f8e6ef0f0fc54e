package evaluate

import (
	"slices"
	"testing"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
)

func TestHeadlineRows(t *testing.T) {
	rows := func() []gold.Row {
		return []gold.Row{
			{Label: label.Drop, Class: gold.Unknown},
			{Label: label.Blank, Class: gold.Unknown},
			{Label: label.Keep, Class: gold.Unknown},
		}
	}
	title := gold.Row{Label: label.Keep, Class: string(label.Title)}
	tests := []struct {
		name     string
		headline int
		want     []gold.Row
	}{
		{"a dropped headline is kept as the title", 0, []gold.Row{title, rows()[1], rows()[2]}},
		{"a kept headline becomes the title", 2, []gold.Row{rows()[0], rows()[1], title}},
		{"a blank line stays blank", 1, rows()},
		{"no headline", -1, rows()},
		{"past the end", 3, rows()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := headlineRows(rows(), tt.headline); !slices.Equal(got, tt.want) {
				t.Errorf("headlineRows(%d) = %v, want %v", tt.headline, got, tt.want)
			}
		})
	}
}
