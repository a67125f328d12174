package app

import (
	"strings"

	"certdesk/certification"
)

func clientDisplayName(c *certification.Client) string {
	if c.TradingName != "" && c.TradingName != c.LegalName {
		return c.LegalName + " (" + c.TradingName + ")"
	}
	return c.LegalName
}

func standardsSuffix(ss []certification.Standard) string {
	if len(ss) == 0 {
		return "  ·  no certification yet"
	}
	var parts []string
	for _, s := range ss {
		parts = append(parts, stdName(s))
	}
	return "  ·  " + strings.Join(parts, ", ")
}

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// joinList is "a, b and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
