package exchange_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
)

// A client's document language and the policy's document settings come
// through export and import; the policy's images stay behind (the file
// does not carry them), and a file naming one is refused.
func TestRoundTripKeepsDocumentSettings(t *testing.T) {
	src := memory(t)
	asOf := certification.NewDate(2026, 5, 1)
	if _, err := demo.Generate(ctx, src, demo.Options{Clients: 5, Seed: 3, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	svc := certification.NewService(src, certification.FixedClock(asOf.Time().Add(9*time.Hour)))
	var ids []certification.ID
	if err := src.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindClient, func(id certification.ID, _ func(certification.Record) error) error {
			ids = append(ids, id)
			return nil
		})
	}); err != nil || len(ids) < 2 {
		t.Fatalf("%d clients (%v)", len(ids), err)
	}
	langs := map[certification.ID]string{ids[0]: "el", ids[1]: "fr"}
	for id, lang := range langs {
		c, err := svc.Client(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c.DocLanguage = lang
		if err := svc.UpdateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	logo, err := auditfixture.DocumentSettings(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	file := export(t, src)
	dst := memory(t)
	if _, err := exchange.Import(ctx, dst, bytes.NewReader(file), actor); err != nil {
		t.Fatal(err)
	}
	got := certification.NewService(dst, certification.FixedClock(asOf.Time()))
	for id, lang := range langs {
		c, err := got.Client(ctx, id)
		if err != nil || c.DocLanguage != lang {
			t.Errorf("client %s came back in %q (%v), want %q", id, c.DocLanguage, err, lang)
		}
	}
	gp, err := got.Policy(ctx)
	if err != nil || gp.AccreditationBody != "ESYD" || gp.AccreditationNumber != "123-3" || gp.RegisterURL != "https://register.example.org" || gp.LogoSHA256 != "" {
		t.Errorf("the policy came back as %+v (%v)", gp, err)
	}
	named := strings.Replace(string(file), `"logo_sha256": ""`, `"logo_sha256": "`+certification.ContentHash(logo)+`"`, 1)
	if _, err := exchange.Import(ctx, memory(t), strings.NewReader(named), actor); err == nil || !strings.Contains(err.Error(), "does not carry the logo's image") {
		t.Errorf("a file naming a logo: %v", err)
	}
}
