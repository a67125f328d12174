package demo

import (
	"fmt"

	"certdesk/assets"
	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// addedStandards are the standards the demo body adds from the example
// catalogues (assets/examples), as a body adds one from its own file.
var addedStandards = []struct {
	name, file string
	table      catalogue.TimeTable
}{
	{"ISO 14001:2015", "examples/iso14001-2015.tsv", catalogue.TableQMS},
}

func (sh *shard) addStandards() error {
	for _, s := range addedStandards {
		b, err := assets.Examples.ReadFile(s.file)
		if err != nil {
			return err
		}
		c, err := catalogue.ParseTSV(s.name, b)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", s.file, err)
		}
		rec := certification.BodyStandard{Name: certification.Standard(s.name), Table: s.table, Source: s.file, Items: c.Items}
		if _, err := sh.svc.DefineStandard(sh.g.ctx, rec); err != nil {
			return fmt.Errorf("demo: adding %s: %w", s.name, err)
		}
	}
	return nil
}
