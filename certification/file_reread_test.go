package certification_test

import (
	"reflect"
	"testing"

	. "certdesk/certification"
)

// A file brought up to date with what was written (File.reread) is the
// file LoadFile reads: an audit moved before another, a finding added,
// a finding moved to another certification.
func TestRereadIsWhatLoadFileReads(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify()
		other := w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: ISO9001, Scope: "Other"}))
		surv := w.runAudit(Surveillance, "2025-09-01", "2025-09-02", "", RecommendMaintain,
			Finding{Grade: OFI, Reference: "4.1", Evidence: "a"}, Finding{Grade: OFI, Reference: "4.2", Evidence: "b"})
		err := st.Update(w.ctx, JournalEntry{Command: "test", Summary: "reread"}, func(tx Tx) error {
			f, err := LoadFile(tx, w.cert)
			if err != nil {
				return err
			}
			if len(f.Audits) < 3 || len(f.Findings) < 2 {
				t.Fatalf("the file has %d audits and %d findings", len(f.Audits), len(f.Findings))
			}
			first := f.Audits[0]
			first.ActualStart = day("2025-09-05") // now after the surveillance
			moved := f.Findings[0]
			moved.CertificationID = other
			added := f.Findings[1]
			added.Number = 3
			if added.ID, err = tx.NextID(KindFinding); err != nil {
				return err
			}
			for _, r := range []Record{&first, &moved, &added} {
				if err := tx.Put(r); err != nil {
					return err
				}
			}
			if err := f.Reread(tx, &first, &moved, &added); err != nil {
				return err
			}
			want, err := LoadFile(tx, w.cert)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(f, want) {
				t.Errorf("reread:\n%+v\nLoadFile:\n%+v", f, want)
			}
			if f.Audits[len(f.Audits)-1].ID != first.ID || f.Audits[len(f.Audits)-2].ID != surv {
				t.Errorf("the moved audit is not last: %v", f.Audits)
			}
			// The records written are the file's own: the first leaves it,
			// which moves the second in f.Findings.
			f.Findings[0].CertificationID = other
			f.Findings[1].Evidence = "changed"
			for _, r := range []Record{&f.Findings[0], &f.Findings[1]} {
				if err := tx.Put(r); err != nil {
					return err
				}
			}
			if err := f.Reread(tx, &f.Findings[0], &f.Findings[1]); err != nil {
				return err
			}
			if want, err = LoadFile(tx, w.cert); err != nil {
				return err
			}
			if !reflect.DeepEqual(f, want) {
				t.Errorf("reread its own records:\n%+v\nLoadFile:\n%+v", f.Findings, want.Findings)
			}
			return nil
		})
		w.must(err)
	})
}

// Recording a finding stores the obligations of the whole file as it
// then stands, as a refresh that reads the file again would.
func TestRecordFindingStoresTheObligationsOfTheFile(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify()
		a := w.svc.AtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Surveillance, PlannedStart: day("2025-09-01"), PlannedEnd: day("2025-09-02"), PlannedDays: 2,
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}})
		id := w.must1(w.svc.PlanAudit(w.ctx, a))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-09-01"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day("2025-09-01")), Status: ptr(AuditInProgress)}))
		for _, x := range []Finding{{Grade: OFI, Reference: "4.1"}, {Grade: Major, Reference: "8.2"}, {Grade: Minor, Reference: "8.2"}, {Grade: Minor, Reference: "9.1"}} {
			x.AuditID, x.RaisedBy, x.Requirement, x.Evidence = id, w.lead, "r", "e"
			w.must1(w.svc.RecordFinding(w.ctx, x))
			w.must(st.View(w.ctx, func(tx Tx) error {
				var stored ObligationSet
				if err := tx.Get(w.cert, &stored); err != nil {
					return err
				}
				f, err := LoadFile(tx, w.cert)
				if err != nil {
					return err
				}
				p, err := LoadPolicy(tx)
				if err != nil {
					return err
				}
				if want := Obligations(f, p); !reflect.DeepEqual(stored.Items, want) {
					t.Errorf("after a %s finding the stored obligations are\n%+v\nthe file's\n%+v", x.Grade, stored.Items, want)
				}
				return nil
			}))
		}
	})
}
