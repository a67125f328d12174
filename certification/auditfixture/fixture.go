// Package auditfixture builds, through the real service, a small
// certification body with audits worth printing: a multi-site client
// certified to ISO/IEC 42001 with a Statement of Applicability, a stage 1
// and a sampled stage 2 with a filled checklist and graded findings at
// every step of their workflow, and a second client whose ISO 9001 and
// ISO/IEC 42001 stage 1 is one integrated audit. Tests of the audit plan
// and report (certification, storage/xlsx, certctl) share it.
package auditfixture

import (
	"context"
	"fmt"
	"strings"
	"time"

	"certdesk/audit/sampling"
	"certdesk/certification"
)

// Fixture names what Build made.
type Fixture struct {
	Svc *certification.Service
	// Clock is the service's clock; AsOf its date when Build returns.
	Clock *Clock
	AsOf  certification.Date

	Lead, Auditor, Expert, Decider certification.ID
	Client, Cert                   certification.ID
	Stage1, Stage2                 certification.ID
	// Findings are the stage 2 findings by number (1…5).
	Findings []certification.ID
	// FollowUp is a confirmed verification visit planned after stage 2.
	FollowUp certification.ID
	// Sample is the stage 2's multi-site draw.
	Sample sampling.Sample
	// Excluded are the controls the SoA excludes.
	Excluded []certification.Exclusion

	// Client2 holds two certifications (ISO 9001 Cert9001 and ISO/IEC
	// 42001 Cert42001) audited in one integrated stage 1: Integrated42001
	// and Integrated9001, in progress, the shared clauses answered.
	Client2, Cert9001, Cert42001       certification.ID
	Integrated42001, Integrated9001    certification.ID
	IntegratedAnswered                 []string // the 42001 clauses answered on the integrated audit
	IntegratedStart, IntegratedLastDay certification.Date
}

// Clock is a clock the fixture moves.
type Clock struct{ T time.Time }

func (c *Clock) Now() time.Time { return c.T }

// Set moves the clock to 09:00 on d.
func (c *Clock) Set(d certification.Date) { c.T = d.Time().Add(9 * time.Hour) }

// D parses a date of the fixture; it panics on a bad one.
func D(s string) certification.Date {
	d, err := certification.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// builder collects the first error.
type builder struct {
	ctx context.Context
	svc *certification.Service
	clk *Clock
	err error
}

func (b *builder) id(id certification.ID, err error) certification.ID {
	if b.err == nil && err != nil {
		b.err = err
	}
	return id
}

func (b *builder) do(what string, err error) {
	if b.err == nil && err != nil {
		b.err = fmt.Errorf("%s: %w", what, err)
	}
}

// Notes the team wrote, by clause or control group prefix.
var notes = map[string]string{
	"4":    "Context analysis (doc. CTX-01 rev. 3) names the EU AI Act, GDPR and the banking supervisor's guidance; interested parties reviewed 2024-11.",
	"5":    "AI policy signed by the managing director on 2024-09-02; roles in the RACI matrix AI-ORG-02, interviewed the CTO and the AI officer.",
	"6":    "Objectives with measures in the AI objectives register; change planning seen for the scoring model release 4.2.",
	"7":    "Resources and awareness: training records sampled for 6 of 24 staff; communication plan AI-COM-01; documents controlled in the QMS portal.",
	"8":    "Operational planning seen for the credit-scoring release process; change tickets CR-1188 and CR-1203 sampled.",
	"9":    "Monitoring dashboard reviewed monthly; internal audit programme 2024–2026 and management review minutes of 2024-12-10 seen.",
	"10":   "Corrective action log kept; 7 entries in 2024, each with root cause and effectiveness check.",
	"A.2":  "AI policy aligned with the information security and privacy policies; review cycle annual.",
	"A.3":  "Reporting channel for concerns on the intranet; two reports in 2024, both handled.",
	"A.4":  "Resource inventory lists data sets, tooling (MLflow, Airflow) and compute (GPU cluster in Munich).",
	"A.5":  "Impact assessment procedure AI-IA-01; assessments sampled for the credit-scoring and chat-assistant systems.",
	"A.6":  "Life-cycle procedure AI-LC-01 from requirements to decommissioning; release 4.2 records sampled.",
	"A.7":  "Data management: data sheets for training sets; quality checks automated in the pipeline.",
	"A.8":  "User information published for the chat assistant; incident communication procedure tested in 2024.",
	"A.9":  "Intended use defined in the system cards; responsible-use objectives reviewed by the AI board.",
	"A.10": "Supplier assessments for the two model providers; responsibilities allocated in the contracts.",
}

func noteFor(ref string) string {
	best := ""
	for k := range notes {
		if (ref == k || strings.HasPrefix(ref, k+".")) && len(k) > len(best) {
			best = k
		}
	}
	return notes[best]
}

// Build makes the fixture on store (an empty store).
func Build(ctx context.Context, store certification.Store) (*Fixture, error) {
	clk := &Clock{}
	clk.Set(D("2025-01-06"))
	fx := &Fixture{Clock: clk}
	svc := certification.NewService(store, clk).As(certification.Actor{Name: "Sam Scheme"})
	fx.Svc = svc
	b := &builder{ctx: ctx, svc: svc, clk: clk}

	all := []certification.AIArea{certification.AIRisk, certification.AIData, certification.AILifecycle, certification.AIEthics, certification.AIRegulation}
	both := []certification.Standard{certification.ISO42001, certification.ISO9001}
	fx.Lead = b.id(svc.AddPerson(ctx, certification.Person{Name: "Lena Lindqvist", Email: "lena.lindqvist@certdesk.example", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor},
		Competence: &certification.PersonCompetence{Standards: both, Sectors: []int{33, 32}, AIAreas: all, Languages: []string{"English", "German", "Swedish"}}}))
	fx.Auditor = b.id(svc.AddPerson(ctx, certification.Person{Name: "Ahmed Aziz", Email: "ahmed.aziz@certdesk.example", Roles: []certification.Role{certification.RoleAuditor},
		Competence: &certification.PersonCompetence{Standards: both, Sectors: []int{33}, AIAreas: []certification.AIArea{certification.AIData}, Languages: []string{"English", "German"}}}))
	fx.Expert = b.id(svc.AddPerson(ctx, certification.Person{Name: "Dr. Tomasz Nowak", Email: "t.nowak@experts.example", Roles: []certification.Role{certification.RoleTechnicalExpert},
		Competence: &certification.PersonCompetence{Sectors: []int{32, 33}, AIAreas: []certification.AIArea{certification.AILifecycle, certification.AIEthics}, Languages: []string{"English", "German", "Polish"}}}))
	fx.Decider = b.id(svc.AddPerson(ctx, certification.Person{Name: "Dora Decker", Roles: []certification.Role{certification.RoleDecisionMaker}}))

	fx.Client = b.id(svc.AddClient(ctx, certification.Client{
		LegalName: "Acme Analytics GmbH", TradingName: "Acme AI", RegisteredAddress: "Hafenstraße 1, 20457 Hamburg, Germany",
		EffectivePersonnel: 140, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIProvider, certification.AIDeveloper},
		Contacts: []certification.Contact{{Name: "Maria Müller", Role: "Head of AI governance", Email: "maria.mueller@acme-ai.example", Phone: "+49 40 1234 560"}},
		AISystems: []certification.AISystem{
			{Name: "Credit scoring", Purpose: "Scores consumer credit applications for partner banks", RiskClass: certification.RiskHigh, Autonomy: certification.AutonomyHumanInLoop, PersonalData: true},
			{Name: "Service chat assistant", Purpose: "Answers customers' questions", RiskClass: certification.RiskLimited, Autonomy: certification.AutonomyHumanOnLoop, PersonalData: true},
		},
		Sites: []certification.Site{
			{Code: "HH", Name: "Head office Hamburg", Address: "Hafenstraße 1, 20457 Hamburg", Central: true, Personnel: 70},
			{Code: "MUC", Name: "Data centre and ML platform", Address: "Leopoldstraße 200, 80804 München", Personnel: 35},
			{Code: "LEJ", Name: "Customer service", Address: "Petersstraße 12, 04109 Leipzig", Personnel: 25},
			{Code: "KRK", Name: "Model development lab", Address: "ul. Lea 114, 30-133 Kraków, Poland", Personnel: 10},
		},
	}))
	fx.Cert = b.id(svc.AddCertification(ctx, certification.Certification{ClientID: fx.Client, Standard: certification.ISO42001,
		Scope: "Development, provision and operation of AI systems for consumer credit scoring and customer service"}))
	fx.Excluded = []certification.Exclusion{
		{Control: "A.7.3", Justification: "All training data is produced in house from the client's own credit files; no data is acquired from third parties."},
		{Control: "A.10.4", Justification: "The AI systems are provided to partner banks under the partner contracts covered by A.10.2; there are no other customers of AI systems."},
	}
	b.do("exclusions", svc.SetExclusions(ctx, fx.Cert, fx.Excluded))
	if b.err != nil {
		return nil, b.err
	}
	team := []certification.TeamMember{{PersonID: fx.Lead, Role: certification.TeamLead}, {PersonID: fx.Auditor, Role: certification.TeamAuditor}, {PersonID: fx.Expert, Role: certification.TeamTechnicalExpert}}

	// Stage 1 at the central function.
	fx.Stage1 = b.id(svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: fx.Cert, Kind: certification.Stage1, PlannedStart: D("2025-01-13"), PlannedEnd: D("2025-01-14"),
		PlannedDays: 2, Sites: []string{"HH"}, Team: team[:1]}))
	b.walk(fx.Stage1, "2025-01-13", "2025-01-14", func(ch *certification.AuditChange) {
		ch.Stage1Outcome = ptr(certification.Stage1Ready)
	}, nil)

	// Stage 2, sampled over the sites.
	if b.err != nil {
		return nil, b.err
	}
	f, err := svc.File(ctx, fx.Cert)
	if err != nil {
		return nil, err
	}
	sample, _, err := certification.DrawSample(f, certification.Stage2, 20250210)
	if err != nil {
		return nil, err
	}
	fx.Sample = sample
	fx.Stage2 = b.id(svc.PlanAudit(ctx, certification.Audit{CertificationID: fx.Cert, Kind: certification.Stage2, PlannedStart: D("2025-02-10"), PlannedEnd: D("2025-02-12"),
		PlannedDays: 7.5, Sites: sample.Visit, Sample: &sample, Team: team,
		TimeJustification: "Below the calculated time as agreed in the contract: only the sampled sites are visited; the Kraków lab's AI work is audited at the Munich ML platform it runs on.",
		Notes:             "The Kraków lab is covered through the ML platform in Munich; interviews with the lab held by video on day 2."}))
	b.walk(fx.Stage2, "2025-02-10", "2025-02-12", func(ch *certification.AuditChange) {
		ch.Recommendation = ptr(certification.RecommendNotYet)
		ch.ActualDays = ptr(7.5)
	}, func(id certification.ID) {
		items, err := certification.ChecklistItems(&f.Certification)
		b.do("checklist items", err)
		for _, it := range items {
			if certification.IsHeading(items, it) {
				continue
			}
			e := certification.ChecklistEntry{Ref: it.Ref, Result: certification.ResultConform, Notes: noteFor(it.Ref)}
			switch it.Ref {
			case "6.1.2":
				e.Interviews = []certification.Interview{{Whom: "Amira Haddad", Role: "AI officer", On: D("2025-02-10"), Notes: "No risk assessment for release 4.2."},
					{Whom: "Jonas Berg", Role: "Head of data science", On: D("2025-02-11")}}
			case "A.8.3":
				e.Result, e.Notes = certification.ResultNotApplicable, "No external reporting obligation applies yet: the EU AI Act reporting duties start in August 2026."
			case "A.9.3":
				e.Result, e.Notes = certification.ResultOFI, "Objectives for responsible use exist but are not measured: see OFI."
			}
			b.do("checklist "+it.Ref, svc.RecordChecklist(ctx, id, e))
		}
		for _, x := range []certification.Finding{
			{Grade: certification.Major, Reference: "6.1.2", Requirement: "The organization shall define and apply an AI risk assessment process (ISO/IEC 42001 6.1.2) and perform AI risk assessments at planned intervals or when significant changes are proposed (8.2).",
				Evidence: "No AI risk assessment was made when the credit-scoring model was retrained on new data in November 2024 (release 4.2); the AI risk register AI-RR-01 is dated 2024-06-12. Confirmed in interview with the AI officer.", Raised: D("2025-02-10")},
			{Grade: certification.Minor, Reference: "A.6.2.6", Requirement: "AI system operation and monitoring: the organization shall define and document the elements for the ongoing operation of the AI system, including system and performance monitoring.",
				Evidence: "14 drift alerts for the credit-scoring model in the monitoring dashboard were unacknowledged on 2025-02-11, the oldest from 2024-12-02; no owner is named for reviewing them.", Raised: D("2025-02-11")},
			{Grade: certification.Minor, Reference: "7.2", Requirement: "The organization shall ensure that persons doing work under its control that affects its AI performance are competent, and retain documented information as evidence.",
				Evidence: "Two data scientists hired in September 2024 (records HR-2024-117 and -121) have no record of training on the AI policy and the life-cycle procedure.", Raised: D("2025-02-11")},
			{Grade: certification.OFI, Reference: "A.7.5", Requirement: "Data provenance.", Evidence: "Provenance records could link each training data snapshot to the model version trained on it; today the link is kept in a spreadsheet by hand.", Raised: D("2025-02-12")},
			{Grade: certification.Positive, Reference: "9.2", Requirement: "Internal audit.", Evidence: "The internal audit programme 2024–2026 covers every Annex A control over three years and uses auditors from the Munich site for Hamburg and vice versa.", Raised: D("2025-02-12")},
		} {
			x.AuditID, x.RaisedBy = id, fx.Lead
			if x.Reference == "A.6.2.6" || x.Reference == "A.7.5" {
				x.RaisedBy = fx.Auditor
			}
			fx.Findings = append(fx.Findings, b.id(svc.RecordFinding(ctx, x)))
		}
	})
	if b.err != nil {
		return nil, b.err
	}
	// A follow-up visit for the open minor, confirmed.
	fx.FollowUp = b.id(svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: fx.Cert, Kind: certification.FollowUp, PlannedStart: D("2025-04-22"), PlannedEnd: D("2025-04-22"),
		PlannedDays: 0.5, Sites: []string{"HH"}, Team: team[:1], Notes: "Verification of the corrective action on competence records (finding 3 of stage 2)."}))
	b.do("confirm follow-up", svc.ChangeAudit(ctx, fx.FollowUp, certification.AuditChange{Status: ptr(certification.AuditConfirmed)}))
	// The client answers; the body reviews and verifies.
	clk.Set(D("2025-03-10"))
	lead := svc.As(certification.Actor{PersonID: fx.Lead, Name: "Lena Lindqvist"})
	b.do("respond 1", lead.RecordResponse(ctx, fx.Findings[0], certification.Response{RootCause: "The retraining was treated as a routine release; the risk procedure had no trigger for retraining.",
		Correction: "AI risk assessment for release 4.2 carried out on 2025-02-28.", CorrectiveAction: "Retraining and new data sources added as mandatory triggers in AI-RR procedure rev. 4; release checklist updated.",
		CorrectionDate: D("2025-02-28"), ActionDate: D("2025-03-31"), Received: D("2025-03-03")}))
	b.do("accept 1", lead.ReviewResponse(ctx, fx.Findings[0], certification.Review{Accepted: true, On: D("2025-03-05"), Comment: "Root cause convincing; evidence of the new assessment requested."}))
	b.do("verify 1", lead.VerifyFinding(ctx, fx.Findings[0], certification.Verification{On: D("2025-03-10"), Method: "documents", Notes: "Risk assessment RA-4.2 and procedure rev. 4 reviewed."}))
	b.do("respond 2", lead.RecordResponse(ctx, fx.Findings[1], certification.Response{RootCause: "Alert review not assigned after a reorganisation.",
		Correction: "All 14 alerts reviewed and closed.", CorrectiveAction: "Named on-call owner for drift alerts; weekly review in the ML ops meeting.",
		CorrectionDate: D("2025-02-20"), ActionDate: D("2025-04-30"), Received: D("2025-03-04")}))
	b.do("accept 2", lead.ReviewResponse(ctx, fx.Findings[1], certification.Review{Accepted: true, On: D("2025-03-06")}))

	// A second client: ISO 9001 and ISO/IEC 42001 in one integrated stage 1.
	fx.Client2 = b.id(svc.AddClient(ctx, certification.Client{LegalName: "Nordlicht Logistik AG", RegisteredAddress: "Am Sandtorkai 50, 20457 Hamburg, Germany",
		EffectivePersonnel: 60, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIUser},
		AISystems: []certification.AISystem{{Name: "Route planner", RiskClass: certification.RiskMinimal, Autonomy: certification.AutonomyAssistive}},
		Contacts:  []certification.Contact{{Name: "Jens Hansen", Role: "Quality manager", Email: "jens.hansen@nordlicht.example"}}}))
	fx.Cert9001 = b.id(svc.AddCertification(ctx, certification.Certification{ClientID: fx.Client2, Standard: certification.ISO9001, Scope: "Warehousing and road freight logistics"}))
	fx.Cert42001 = b.id(svc.AddCertification(ctx, certification.Certification{ClientID: fx.Client2, Standard: certification.ISO42001, Scope: "Use of AI for route and warehouse planning"}))
	if b.err != nil {
		return nil, b.err
	}
	fx.IntegratedStart, fx.IntegratedLastDay = D("2025-04-07"), D("2025-04-08")
	clk.Set(fx.IntegratedStart)
	ids, err := svc.PlanIntegratedAtRequiredTime(ctx, certification.Audit{CertificationID: fx.Cert42001, Kind: certification.Stage1, PlannedStart: fx.IntegratedStart, PlannedEnd: fx.IntegratedLastDay,
		PlannedDays: 1.5, Team: team[:2]}, []certification.IntegratedPart{{CertificationID: fx.Cert9001, PlannedDays: 1}})
	if err != nil {
		return nil, fmt.Errorf("integrated audit: %w", err)
	}
	fx.Integrated42001, fx.Integrated9001 = ids[0], ids[1]
	b.do("confirm integrated", svc.ChangeAudit(ctx, ids[0], certification.AuditChange{Status: ptr(certification.AuditConfirmed)}))
	b.do("start integrated", svc.ChangeAudit(ctx, ids[0], certification.AuditChange{ActualStart: ptr(fx.IntegratedStart), Status: ptr(certification.AuditInProgress)}))
	for _, ref := range []string{"4.1", "4.2", "5.2", "6.1.2"} {
		fx.IntegratedAnswered = append(fx.IntegratedAnswered, ref)
		b.do("integrated checklist "+ref, svc.RecordChecklist(ctx, ids[0], certification.ChecklistEntry{Ref: ref, Result: certification.ResultConform, Notes: noteFor(ref)}))
	}
	fx.AsOf = fx.IntegratedLastDay
	clk.Set(fx.AsOf)
	return fx, b.err
}

// walk takes a planned audit through to closed, calling during (if set)
// while it is in progress and finish to fill in its conclusion.
func (b *builder) walk(id certification.ID, start, end string, finish func(*certification.AuditChange), during func(certification.ID)) {
	if b.err != nil {
		return
	}
	b.clk.Set(D(start))
	b.do("confirm", b.svc.ChangeAudit(b.ctx, id, certification.AuditChange{Status: ptr(certification.AuditConfirmed)}))
	b.do("start", b.svc.ChangeAudit(b.ctx, id, certification.AuditChange{ActualStart: ptr(D(start)), Status: ptr(certification.AuditInProgress)}))
	// The findings and the end are recorded by the audit's last day, not
	// before what they record has happened (no-future-dates).
	b.clk.Set(D(end))
	if during != nil && b.err == nil {
		during(id)
	}
	// Every item the audit must cover has a result before the report.
	b.do("fill checklist", b.svc.FillChecklist(b.ctx, id, certification.ChecklistEntry{Result: certification.ResultConform, Notes: "Reviewed with the client; no finding."}))
	ch := certification.AuditChange{ActualEnd: ptr(D(end)), Status: ptr(certification.AuditReportDrafted)}
	finish(&ch)
	b.do("finish", b.svc.ChangeAudit(b.ctx, id, ch))
	b.clk.Set(D(end).AddDays(3))
	b.do("close", b.svc.ChangeAudit(b.ctx, id, certification.AuditChange{ReportDate: ptr(D(end).AddDays(3)), Status: ptr(certification.AuditClosed)}))
}
