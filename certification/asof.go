package certification

// FileBefore reconstructs the file as it stood when decision d was about
// to be made: later decisions, the cycles and certificate revisions they
// opened, audits that had not started, and finding responses, reviews and
// verifications dated after d are removed, and audit statuses are wound
// back to what their dates allow. Import uses it to put every recorded
// decision through the same gates as a live one.
func FileBefore(f *File, d *Decision) *File {
	before := func(date Date, id ID) bool { return date < d.Date || (date == d.Date && id < d.ID) }
	g := &File{Client: f.Client, Certification: f.Certification, whole: f, asOf: d.Date}
	if f.whole != nil {
		g.whole = f.whole
	}
	c := &g.Certification
	c.Cycles = nil
	for _, cy := range f.Certification.Cycles {
		if before(cy.Decided, cy.DecisionID) {
			c.Cycles = append(c.Cycles, cy)
		}
	}
	c.Closed = 0
	kept := map[ID]bool{}
	for _, x := range f.Decisions {
		if before(x.Date, x.ID) {
			g.Decisions = append(g.Decisions, x)
			kept[x.ID] = true
			if x.Kind == Refuse || x.Kind == Withdraw {
				c.Closed = x.Date
			}
		}
	}
	c.CertificateID = 0
	for _, cert := range f.Certificates {
		if cert.IssueDate > d.Date {
			continue
		}
		if cert.IssueDate == d.Date && !issuedBy(f, cert.ID, kept) {
			continue
		}
		cert.Events = nil
		for _, e := range f.certEvents(cert.ID) {
			if kept[e.DecisionID] {
				cert.Events = append(cert.Events, e)
			}
		}
		if cert.SupersededBy != 0 && !issuedBy(f, cert.SupersededBy, kept) {
			cert.SupersededBy, cert.SupersededOn = 0, 0
		}
		g.Certificates = append(g.Certificates, cert)
		if cert.SupersededBy == 0 {
			c.CertificateID = cert.ID
		}
	}
	for _, a := range f.Audits {
		if a.Start() > d.Date {
			continue
		}
		if a.Status != AuditCancelled {
			switch {
			case !a.ReportDate.IsZero() && a.ReportDate <= d.Date && a.Status == AuditClosed:
			case !a.ActualEnd.IsZero() && a.ActualEnd <= d.Date && (a.Status == AuditClosed || a.Status == AuditReportDrafted):
				a.Status = AuditReportDrafted
			case !a.ActualStart.IsZero() && a.ActualStart <= d.Date && a.Status != AuditPlanned && a.Status != AuditConfirmed:
				a.Status = AuditInProgress
			}
		}
		g.Audits = append(g.Audits, a)
	}
	for _, x := range f.Findings {
		if x.Raised > d.Date {
			continue
		}
		if x.Response != nil && x.Response.Received > d.Date {
			x.Response = nil
		}
		if x.Review != nil && (x.Response == nil || x.Review.On > d.Date) {
			x.Review = nil
		}
		if x.Verification != nil && (x.Review == nil || x.Verification.On > d.Date) {
			x.Verification = nil
		}
		g.Findings = append(g.Findings, x)
	}
	return g
}

func issuedBy(f *File, certID ID, decisions map[ID]bool) bool {
	for _, x := range f.Decisions {
		if x.CertificateID == certID && decisions[x.ID] {
			switch x.Kind {
			case Grant, Renew, Restore, ExtendScope, ReduceScope:
				return true
			}
		}
	}
	return false
}

func (f *File) certEvents(certID ID) []CertificateEvent {
	for _, c := range f.Certificates {
		if c.ID == certID {
			return c.Events
		}
	}
	return nil
}

// recordedLater returns finding id as recorded after the date of the
// decision f stands before (nil when f is the whole file or the finding
// is unknown), so that a gate can name the later date.
func (f *File) recordedLater(id ID) *Finding {
	if f.whole == nil {
		return nil
	}
	for i := range f.whole.Findings {
		if f.whole.Findings[i].ID == id {
			return &f.whole.Findings[i]
		}
	}
	return nil
}

// reportLater returns the last audit of the kinds in the cycle whose
// report was closed after the date f stands before, if any.
func (f *File) reportLater(cycle int, kinds ...AuditKind) *Audit {
	if f.whole == nil {
		return nil
	}
	a := f.whole.lastDone(cycle, true, kinds...)
	if a == nil || a.ReportDate <= f.asOf {
		return nil
	}
	return a
}
