package audittime

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"certdesk/assets"
	"certdesk/audit/scheme"
)

type factor struct {
	percent, max float64 // max < 0: none
	reason       string
}

var (
	tablesOnce sync.Once
	tablesErr  error
	qmsRows    []Row
	aiDays     map[string]float64
	aiFactors  map[string]factor
)

func loadTables() error {
	tablesOnce.Do(func() {
		read := func(name string, cols int, each func(n int, f []string) error) {
			if tablesErr != nil {
				return
			}
			b, err := assets.AuditTime.ReadFile("audittime/" + name)
			if err != nil {
				tablesErr = err
				return
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			header := true
			for n := 1; sc.Scan(); n++ {
				line := strings.TrimRight(sc.Text(), "\r")
				if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
					continue
				}
				f := strings.Split(line, "\t")
				if len(f) != cols {
					tablesErr = fmt.Errorf("assets/audittime/%s line %d: want %d tab-separated fields, got %d", name, n, cols, len(f))
					return
				}
				if header {
					header = false
					continue
				}
				if err := each(n, f); err != nil {
					tablesErr = fmt.Errorf("assets/audittime/%s line %d: %w", name, n, err)
					return
				}
			}
			tablesErr = sc.Err()
		}
		read("md5-qms.tsv", 3, func(n int, f []string) error {
			lo, err1 := strconv.Atoi(f[0])
			hi, err2 := strconv.Atoi(f[1])
			d, err3 := strconv.ParseFloat(f[2], 64)
			if err1 != nil || err2 != nil || err3 != nil {
				return fmt.Errorf("want lower, upper, days as numbers")
			}
			want := 1
			if k := len(qmsRows); k > 0 {
				want = qmsRows[k-1].Upper + 1
				if d <= qmsRows[k-1].Days {
					return fmt.Errorf("days must rise from row to row")
				}
			}
			if lo != want || hi < lo || !isHalf(d) {
				return fmt.Errorf("row %d–%d: rows must follow on from %d without gaps, days in half days", lo, hi, want)
			}
			qmsRows = append(qmsRows, Row{Lower: lo, Upper: hi, Days: d})
			return nil
		})
		aiDays = map[string]float64{}
		read("42001-ai.tsv", 2, func(n int, f []string) error {
			d, err := strconv.ParseFloat(f[1], 64)
			if err != nil || d <= 0 || !isHalf(d) {
				return fmt.Errorf("days must be a positive number of half days")
			}
			if f[0] != "several" && !slices.Contains(scheme.AIRoleNames, f[0]) {
				return fmt.Errorf("%q is not an AI role", f[0])
			}
			aiDays[f[0]] = d
			return nil
		})
		aiFactors = map[string]factor{}
		read("42001-factors.tsv", 4, func(n int, f []string) error {
			p, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return fmt.Errorf("percent must be a number")
			}
			m := -1.0
			if f[2] != "-" {
				if m, err = strconv.ParseFloat(f[2], 64); err != nil {
					return fmt.Errorf("max must be a number or -")
				}
			}
			aiFactors[f[0]] = factor{percent: p, max: m, reason: f[3]}
			return nil
		})
		if tablesErr == nil {
			for _, r := range append(slices.Clone(scheme.AIRoleNames), "several") {
				if _, ok := aiDays[r]; !ok {
					tablesErr = fmt.Errorf("assets/audittime/42001-ai.tsv: no row for %q", r)
				}
			}
			if len(qmsRows) == 0 || qmsRows[len(qmsRows)-1].Upper < AIBandUpper {
				tablesErr = fmt.Errorf("assets/audittime/md5-qms.tsv: the table must reach %d persons", AIBandUpper)
			}
		}
	})
	return tablesErr
}

func isHalf(d float64) bool { return d*2 == math.Trunc(d*2) }

// MD5Row is the row of the IAF MD 5 quality-management table for a
// number of persons (at least 1), extrapolated beyond the table's end.
func MD5Row(persons int) (Row, error) {
	if err := loadTables(); err != nil {
		return Row{}, err
	}
	if persons < 1 {
		return Row{}, fmt.Errorf("the MD 5 table starts at 1 person, got %d", persons)
	}
	for _, r := range qmsRows {
		if persons <= r.Upper {
			return r, nil
		}
	}
	r := qmsRows[len(qmsRows)-1]
	for persons > r.Upper {
		// One more day for each band ending 25 % above the last (rounded up).
		up := r.Upper + (r.Upper*ProgressionPercent+99)/100
		r = Row{Lower: r.Upper + 1, Upper: up, Days: r.Days + 1, Extrapolated: true}
	}
	return r, nil
}

// AIDays is the 42001 table's days for 1–10 AI personnel for a role
// ("producer", …, or "several").
func AIDays(role string) (float64, error) {
	if err := loadTables(); err != nil {
		return 0, err
	}
	d, ok := aiDays[role]
	if !ok {
		return 0, fmt.Errorf("%q is not an AI role: use one of %s", role, strings.Join(scheme.AIRoleNames, ", "))
	}
	return d, nil
}
