package certification

import "testing"

func TestNextAuditKind(t *testing.T) {
	stage1 := func(status AuditStatus, outcome Stage1Outcome, cycle int) func(*File) {
		return func(f *File) {
			f.Audits = append(f.Audits, Audit{ID: 50, CertificationID: 10, Kind: Stage1, Cycle: cycle, Status: status, Stage1Outcome: outcome,
				PlannedStart: d("2025-02-03"), PlannedEnd: d("2025-02-04")})
		}
	}
	fresh := func(edits ...func(*File)) *File {
		f := &File{Certification: Certification{ID: 10, ClientID: 1, Standard: ISO42001, Applied: d("2025-01-10")}}
		for _, e := range edits {
			e(f)
		}
		return f
	}
	// Granted 2025-05-06: expires 2028-05-05, restorable to 2028-11-05.
	granted := func(edits ...func(*File)) *File {
		f := grantedFile("2025-05-06")
		for _, e := range edits {
			e(f)
		}
		return f
	}
	withdrawn := func(f *File) {
		f.Certificates[0].Events = []CertificateEvent{{Date: d("2026-01-10"), Status: CertWithdrawn}}
	}
	refused := func(f *File) { f.Certification.Closed = d("2025-04-01") }
	for _, tc := range []struct {
		name  string
		f     *File
		today string
		want  AuditKind
	}{
		{"a new application", fresh(), "2025-01-20", Stage1},
		{"stage 1 found the client not ready", fresh(stage1(AuditClosed, Stage1NotReady, 1)), "2025-02-20", Stage1},
		{"stage 1 still in progress", fresh(stage1(AuditInProgress, "", 1)), "2025-02-04", Stage1},
		{"stage 1 reported ready", fresh(stage1(AuditReportDrafted, Stage1Ready, 1)), "2025-02-20", Stage2},
		{"stage 1 closed ready", fresh(stage1(AuditClosed, Stage1Ready, 1)), "2025-02-20", Stage2},
		{"a cancelled stage 1 does not count", fresh(stage1(AuditCancelled, Stage1Ready, 1)), "2025-02-20", Stage1},
		{"refused after a ready stage 1: stage 2 again", fresh(stage1(AuditClosed, Stage1Ready, 1), refused), "2025-04-20", Stage2},
		{"just granted", granted(), "2025-05-06", Surveillance},
		{"the day before the last 12 months", granted(), "2027-05-04", Surveillance},
		{"12 months before expiry", granted(), "2027-05-05", Recertification},
		{"on expiry", granted(), "2028-05-05", Recertification},
		{"expired, still restorable", granted(), "2028-11-05", Recertification},
		{"past restoration: certified again from stage 1", granted(), "2028-11-06", Stage1},
		{"past restoration with a ready stage 1 of the new cycle", granted(stage1(AuditClosed, Stage1Ready, 2)), "2028-12-01", Stage2},
		{"withdrawn", granted(withdrawn), "2026-02-01", Stage1},
		{"withdrawn, a ready stage 1 of the old cycle does not count", granted(withdrawn, stage1(AuditClosed, Stage1Ready, 1)), "2026-02-01", Stage1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.NextAuditKind(d(tc.today)); got != tc.want {
				t.Errorf("NextAuditKind(%s) = %s, want %s", tc.today, got, tc.want)
			}
		})
	}
}
