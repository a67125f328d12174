package encodingbench

import (
	"context"
	"fmt"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/memstore"
)

// DemoFindings are the findings of a demo body of clients clients (seed
// 1, as of asOf), repeated under new ids until there are n: the demo's
// 10,000-client body has about 150,000, and a finding decodes in the
// same time whichever body it came from.
func DemoFindings(ctx context.Context, clients, n int, asOf certification.Date) ([]certification.Finding, error) {
	mem := memstore.New()
	mem.NoJournal = true
	if _, err := demo.Generate(ctx, mem, demo.Options{Clients: clients, Seed: 1, AsOf: asOf}); err != nil {
		return nil, err
	}
	var found []certification.Finding
	err := mem.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindFinding, func(id certification.ID, decode func(certification.Record) error) error {
			var f certification.Finding
			if err := decode(&f); err != nil {
				return err
			}
			found = append(found, f)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("the demo body of %d clients has no findings", clients)
	}
	out := make([]certification.Finding, n)
	for i := range out {
		out[i] = found[i%len(found)]
		out[i].ID = certification.ID(i + 1)
	}
	return out, nil
}
