package main

import (
	"fmt"

	"certdesk/certification"
)

// certificationTransferCmd records the pre-transfer review of a
// certificate another body issued (IAF MD 2).
type certificationTransferCmd struct {
	ID                certification.ID   `arg:"" name:"certification" placeholder:"ID" help:"the certification the client's certificate transfers to"`
	PreviousBody      string             `name:"previous-body" required:"" placeholder:"NAME" help:"the certification body that issued the certificate"`
	Number            string             `required:"" placeholder:"NUMBER" help:"the transferred certificate's number"`
	AccreditationBody string             `name:"accreditation-body" required:"" placeholder:"NAME" help:"the accreditation body of the issuing body (an IAF MLA signatory)"`
	Accredited        bool               `help:"the certificate is covered by that accreditation"`
	Status            string             `required:"" placeholder:"STATUS" help:"the certificate's status with its body: valid, suspended, withdrawn or expired"`
	CycleStart        certification.Date `name:"cycle-start" required:"" help:"the day its current cycle counts its anniversaries from"`
	Expiry            certification.Date `required:"" help:"its expiry"`
	Surveillances     int                `placeholder:"N" help:"surveillance audits the previous body carried out in the current cycle (0-2)"`
	Reviewed          certification.Date `help:"the day of the review (default today)"`
	Reviewer          string             `required:"" placeholder:"PERSON" help:"who made the review (id or name)"`
	Documents         string             `required:"" placeholder:"TEXT" help:"what was reviewed: the last reports, open nonconformities, complaints, the scope"`
	Visit             certification.Date `help:"the day of a pre-transfer visit, where one was needed"`
	Conclusion        string             `required:"" placeholder:"TEXT" help:"the reviewer's conclusion"`
}

func (certificationTransferCmd) Help() string {
	return `Records the pre-transfer review (IAF MD 2) of the certificate a client
arrives with from another accredited body, before this body's first
decision on the certification; a later review replaces it. Then
'certctl decide --kind accept-transfer' takes the certificate over: only
a valid, not suspended, accredited certificate that has not expired
(rule transfer-only-valid-accredited-certificate), decided by someone
other than the reviewer (rule transfer-decided-by-reviewer). The cycle
and its expiry carry over, the schedule continues from them, and the new
certificate says it was transferred.`
}

func (c *certificationTransferCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	ids, err := e.personIDs("reviewer", []string{c.Reviewer})
	if err != nil {
		return err
	}
	reviewed := c.Reviewed
	if reviewed.IsZero() {
		reviewed = svc.Today()
	}
	r := certification.TransferReview{PreviousBody: c.PreviousBody, CertificateNumber: c.Number, AccreditationBody: c.AccreditationBody,
		Accredited: c.Accredited, Status: certification.PreviousStatus(c.Status), CycleStart: c.CycleStart, Expiry: c.Expiry,
		Surveillances: c.Surveillances, Reviewed: reviewed, ReviewerID: ids[0], Documents: c.Documents, Visit: c.Visit, Conclusion: c.Conclusion}
	if err := svc.ReviewTransfer(e.ctx, c.ID, r); err != nil {
		return err
	}
	f, err := svc.File(e.ctx, c.ID)
	if err != nil {
		return err
	}
	t := f.Certification.Transfer
	if e.json {
		return e.writeJSON(map[string]any{"certification_id": c.ID, "transfer": t})
	}
	e.printf("Pre-transfer review of certification %d recorded: certificate %s of %s, %s, cycle %s to %s.\n",
		c.ID, t.CertificateNumber, t.PreviousBody, t.Status, t.CycleStart, t.Expiry)
	e.printf("%s\n", transferNext(c.ID, t, svc.Today()))
	return nil
}

// transferNext says what the review allows next.
func transferNext(id certification.ID, t *certification.TransferReview, today certification.Date) string {
	switch {
	case t.Status != certification.PreviousValid:
		return fmt.Sprintf("It cannot be transferred while it is %s: only a valid certificate can be.", t.Status)
	case !t.Accredited:
		return "It cannot be transferred: it is not covered by an accreditation."
	case t.Expiry < today:
		return "It cannot be transferred: it has expired."
	}
	return fmt.Sprintf("Next: certctl decide --certification %d --kind accept-transfer --maker PERSON (someone other than the reviewer).", id)
}
