package demo

import "certdesk/certification"

// coreSpec is one of the named core staff (aiAreas and coreLanguages
// give the rest of their competence).
type coreSpec struct {
	name      string
	roles     []certification.Role
	standards []certification.Standard
	sectors   []int
}

// staffSpec is one member of the demo body's staff.
type staffSpec struct {
	name      string
	roles     []certification.Role
	standards []certification.Standard
	sectors   []int
	ai        []certification.AIArea // from aiAreas for the core staff
	languages []string               // from coreLanguages for the core staff
}

// aiAreas are the demo staff's ISO/IEC 42006 AI competence areas.
var aiAreas = map[string][]certification.AIArea{
	"Ingrid Solberg": {certification.AIRisk, certification.AIRegulation},
	"Priya Raman":    {certification.AIRisk, certification.AIData},
	"Marcus Webb":    {certification.AIRisk},
	"Henrik Lund":    {certification.AIRisk, certification.AIEthics},
	"Lea Martin":     {certification.AIEthics, certification.AIRegulation},
	"Samuel Osei":    {certification.AIData, certification.AIRegulation},
	"Elena Petrova":  {certification.AILifecycle, certification.AIEthics, certification.AIData},
	"Kenji Watanabe": {certification.AILifecycle, certification.AIData},
}

// coreLanguages are the languages the demo's core staff audit in.
var coreLanguages = map[string][]string{
	"Hannah Becker": {"German", "English"}, "Tomás Ortega": {"Spanish", "English", "Portuguese"},
	"Ingrid Solberg": {"Norwegian", "English", "Swedish"}, "Marcus Webb": {"English"}, "Priya Raman": {"English", "Hindi"},
	"Jonas Keller": {"German", "English", "French"}, "Lea Martin": {"French", "English", "German"}, "Samuel Osei": {"English", "French"},
	"Chiara Ricci": {"Italian", "English"}, "Elena Petrova": {"Bulgarian", "English", "German"}, "Kenji Watanabe": {"Japanese", "English"},
	"Margaret O'Neill": {"English"}, "Aisha Rahman": {"English", "Arabic", "French"}, "Henrik Lund": {"Danish", "English", "German"},
}

var (
	rSM  = certification.RoleSchemeManager
	rLA  = certification.RoleLeadAuditor
	rA   = certification.RoleAuditor
	rTE  = certification.RoleTechnicalExpert
	rDM  = certification.RoleDecisionMaker
	s42  = certification.ISO42001
	s9   = certification.ISO9001
	s27  = certification.ISO27001
	sAll = []certification.Standard{s42, s9, s27}
)

// staffList is the body: scheme managers, lead auditors, auditors,
// technical experts and decision makers. Henrik Lund is both a lead
// auditor and a decision maker: he never audits a client he decides on.
var staffList = []coreSpec{
	{"Hannah Becker", []certification.Role{rSM}, sAll, nil},
	{"Tomás Ortega", []certification.Role{rSM}, sAll, nil},
	{"Ingrid Solberg", []certification.Role{rLA, rA}, []certification.Standard{s42, s27}, []int{33, 35, 19, 32}},
	{"Marcus Webb", []certification.Role{rLA, rA}, []certification.Standard{s42, s9}, []int{29, 19, 17, 18, 35}},
	{"Priya Raman", []certification.Role{rLA, rA}, []certification.Standard{s42, s27}, []int{33, 38, 32, 36}},
	{"Jonas Keller", []certification.Role{rLA, rA}, []certification.Standard{s9, s27}, []int{28, 29, 35, 31, 3}},
	{"Lea Martin", []certification.Role{rA}, []certification.Standard{s42, s9}, []int{33, 35, 38, 29}},
	{"Samuel Osei", []certification.Role{rA}, []certification.Standard{s27, s42}, []int{33, 32, 31, 35}},
	{"Chiara Ricci", []certification.Role{rA, rTE}, []certification.Standard{s9}, []int{17, 18, 19, 22, 12, 14}},
	{"Elena Petrova", []certification.Role{rTE}, []certification.Standard{s42}, []int{33, 38, 35, 37}},
	{"Kenji Watanabe", []certification.Role{rTE}, []certification.Standard{s42, s27}, []int{19, 29, 32, 31, 25}},
	{"Margaret O'Neill", []certification.Role{rDM}, sAll, nil},
	{"Aisha Rahman", []certification.Role{rDM}, sAll, nil},
	{"Henrik Lund", []certification.Role{rDM, rLA, rA}, []certification.Standard{s42, s9}, []int{33, 29, 28, 35}},
}

// sectorWeights: IAF codes weighted toward IT, other services,
// electrical/optical, trade and health.
var sectorWeights = map[int]int{
	33: 24, 35: 14, 19: 10, 29: 9, 38: 8, 32: 6, 34: 5, 31: 4, 18: 4, 17: 3, 28: 3, 13: 3, 37: 3, 36: 2,
	3: 2, 12: 2, 14: 2, 22: 2, 25: 1, 30: 1, 39: 1, 1: 1, 2: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1,
	11: 1, 15: 1, 16: 1, 20: 1, 21: 1, 23: 1, 24: 1, 26: 1, 27: 1,
}

// activity describes what a client in a sector does, for scopes.
var activity = map[int][]string{
	33: {"software development, hosting and support of business applications", "development and operation of a cloud analytics platform", "IT managed services and software engineering", "development of mobile and web applications", "data engineering and machine-learning services"},
	35: {"recruitment and staffing services", "business process outsourcing and customer contact services", "legal and compliance advisory services", "marketing and media analytics services", "translation and document services"},
	19: {"design and manufacture of industrial sensors and control units", "manufacture of optical inspection equipment", "design and assembly of printed circuit boards", "development of embedded vision systems"},
	29: {"wholesale and online retail of consumer electronics", "e-commerce of household goods and logistics of deliveries", "distribution of spare parts for vehicles", "retail of fashion and sports goods"},
	38: {"diagnostic imaging and radiology services", "outpatient clinics and telemedicine services", "home care and social care services", "laboratory diagnostics"},
	32: {"retail banking and consumer lending", "insurance underwriting and claims handling", "payment services and fraud prevention", "asset management and investment advice"},
	34: {"engineering design and consulting for infrastructure", "building information modelling and structural engineering"},
	31: {"freight forwarding and warehouse logistics", "telecommunications network services", "public transport operations"},
	18: {"design and manufacture of industrial machinery", "manufacture of agricultural machinery"},
	17: {"fabrication of metal components", "precision machining of metal parts"},
	28: {"construction of commercial buildings", "civil engineering and road construction"},
	13: {"development and manufacture of generic medicines", "clinical research services"},
	37: {"higher education and online learning platforms", "vocational training services"},
	36: {"municipal administration services", "public employment services"},
}

var aiSystemsBySector = map[int][]aiSpec{
	33: {{"Code review assistant", "suggests fixes in pull requests", certification.RiskMinimal, false, certification.AutonomyAssistive},
		{"Customer support chatbot", "answers customer questions on the help desk", certification.RiskLimited, true, certification.AutonomyHumanOnLoop},
		{"Anomaly detection service", "flags unusual behaviour in customers' systems", certification.RiskMinimal, false, certification.AutonomyHumanOnLoop},
		{"Document classification API", "classifies customer documents for routing", certification.RiskMinimal, true, certification.AutonomyHumanOnLoop},
		{"Churn prediction model", "predicts which subscribers may cancel", certification.RiskMinimal, true, certification.AutonomyAssistive}},
	35: {{"CV screening assistant", "ranks job applications for recruiters", certification.RiskHigh, true, certification.AutonomyHumanInLoop},
		{"Call summarisation (LLM)", "summarises customer calls", certification.RiskLimited, true, certification.AutonomyAssistive},
		{"Contract clause extractor", "finds risky clauses in contracts", certification.RiskMinimal, false, certification.AutonomyAssistive}},
	19: {{"Visual defect inspection", "detects solder defects on the assembly line", certification.RiskMinimal, false, certification.AutonomyHumanOnLoop},
		{"Predictive maintenance model", "forecasts failures of production machines", certification.RiskMinimal, false, certification.AutonomyAssistive},
		{"Embedded vision classifier", "classifies objects in the customer's camera module", certification.RiskLimited, false, certification.AutonomyFullyAutonomy}},
	29: {{"Demand forecasting model", "plans stock levels per store", certification.RiskMinimal, false, certification.AutonomyHumanOnLoop},
		{"Product recommendation engine", "recommends products in the web shop", certification.RiskMinimal, true, certification.AutonomyFullyAutonomy},
		{"Dynamic pricing model", "proposes daily prices", certification.RiskMinimal, false, certification.AutonomyHumanInLoop}},
	38: {{"Radiology triage model", "prioritises chest X-rays for review", certification.RiskHigh, true, certification.AutonomyHumanInLoop},
		{"Appointment no-show predictor", "predicts missed appointments", certification.RiskLimited, true, certification.AutonomyAssistive},
		{"Clinical note summariser (LLM)", "drafts discharge letters", certification.RiskLimited, true, certification.AutonomyHumanInLoop}},
	32: {{"Credit scoring model", "scores consumer loan applications", certification.RiskHigh, true, certification.AutonomyHumanInLoop},
		{"Transaction fraud detection", "blocks suspicious card payments", certification.RiskLimited, true, certification.AutonomyFullyAutonomy},
		{"Claims triage model", "routes insurance claims to handlers", certification.RiskLimited, true, certification.AutonomyHumanOnLoop}},
	37: {{"Exam proctoring analytics", "flags irregular behaviour in online exams", certification.RiskHigh, true, certification.AutonomyHumanInLoop},
		{"Course recommendation assistant", "suggests courses to learners", certification.RiskMinimal, true, certification.AutonomyAssistive}},
	36: {{"Benefit application triage", "prioritises applications for caseworkers", certification.RiskHigh, true, certification.AutonomyHumanInLoop}},
}

var genericAISystems = []aiSpec{
	{"Internal knowledge assistant (LLM)", "answers staff questions from internal documents", certification.RiskMinimal, false, certification.AutonomyAssistive},
	{"E-mail triage classifier", "routes incoming e-mail", certification.RiskMinimal, true, certification.AutonomyHumanOnLoop},
	{"Invoice data extraction", "reads supplier invoices", certification.RiskMinimal, false, certification.AutonomyHumanOnLoop},
}

type aiSpec struct {
	name, purpose string
	risk          certification.RiskClass
	personal      bool
	autonomy      certification.Autonomy
}

// Company names are combined from these lists.
var (
	namePrefixes = []string{"Nord", "Blue", "Silver", "Bright", "Clear", "Alpen", "Hansa", "Rhein", "Baltic", "Iber", "Celtic", "Danu", "Tiber", "Elbe", "Fjord", "Lumen", "Vertex", "Quantum", "Nova", "Sigma", "Apex", "Orion", "Helix", "Terra", "Aqua", "Ember", "Cobalt", "Granite", "Meridian", "Pioneer", "Summit", "Harbor", "Crest", "Falcon", "Polar", "Solent", "Arden", "Thames", "Castell", "Monte"}
	nameCores    = []string{"Data", "Logic", "Soft", "Tech", "Vision", "Med", "Care", "Trade", "Works", "Systems", "Analytics", "Labs", "Dynamics", "Metrics", "Signal", "Cloud", "Net", "Sense", "Mind", "Path", "Bridge", "Point", "Line", "Gate", "Wave", "Field", "Stone", "Forge", "Craft", "Link"}
	nameWords    = []string{"Solutions", "Group", "Services", "Industries", "Partners", "Holding", "Digital", "Health", "Logistics", "Engineering", "Consulting", "Software", "Robotics", "Finance", "Retail", "Instruments"}
	surnames     = []string{"Hoffmann", "Jensen", "Moreau", "Rossi", "Novak", "Kowalski", "Lindqvist", "Fischer", "O'Brien", "Dubois", "Van Dijk", "García", "Nilsen", "Weber", "Costa", "Horvat", "Larsen", "Bauer", "Schmidt", "Ferrari", "Andersen", "Kaya", "Meyer", "Lambert", "Walsh", "Brennan", "Keller", "Svensson", "Petersen", "Romano"}
	firstNames   = []string{"Anna", "Lukas", "Sofia", "Noah", "Emma", "Liam", "Mia", "Elias", "Clara", "Jakob", "Ida", "Mateo", "Nora", "Oskar", "Lena", "Hugo", "Alba", "Felix", "Marta", "Leon", "Julia", "David", "Eva", "Tomasz", "Sara", "Jan", "Maja", "Paul", "Zoe", "Adam"}
)

type country struct {
	name    string
	forms   []string // legal forms
	cities  []string
	streets []string
	format  func(street string, num int, postcode, city string) string
	post    func(r randSource) string
}

type randSource interface{ IntN(n int) int }

func digits(r randSource, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	if b[0] == '0' {
		b[0] = '1'
	}
	return string(b)
}

var countries = []country{
	{"Germany", []string{"GmbH", "GmbH", "AG", "SE"}, []string{"Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Leipzig", "Dresden", "Hannover", "Nürnberg"},
		[]string{"Hauptstraße", "Industriestraße", "Am Hafen", "Bahnhofstraße", "Gutenbergstraße", "Lindenallee", "Schillerstraße"},
		func(s string, n int, p, c string) string { return s + " " + itoa(n) + ", " + p + " " + c + ", Germany" },
		func(r randSource) string { return digits(r, 5) }},
	{"United Kingdom", []string{"Ltd", "Ltd", "PLC", "LLP"}, []string{"London", "Manchester", "Leeds", "Bristol", "Edinburgh", "Glasgow", "Cambridge", "Reading"},
		[]string{"High Street", "Station Road", "Mill Lane", "Church Street", "Queens Road", "Victoria Street", "Science Park"},
		func(s string, n int, p, c string) string {
			return itoa(n) + " " + s + ", " + c + " " + p + ", United Kingdom"
		},
		func(r randSource) string {
			return string(rune('A'+r.IntN(26))) + string(rune('A'+r.IntN(26))) + itoa(1+r.IntN(20)) + " " + itoa(r.IntN(10)) + string(rune('A'+r.IntN(26))) + string(rune('A'+r.IntN(26)))
		}},
	{"Netherlands", []string{"B.V.", "B.V.", "N.V."}, []string{"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag", "Groningen"},
		[]string{"Keizersgracht", "Stationsplein", "Industrieweg", "Kanaalstraat", "Parallelweg"},
		func(s string, n int, p, c string) string {
			return s + " " + itoa(n) + ", " + p + " " + c + ", Netherlands"
		},
		func(r randSource) string {
			return digits(r, 4) + " " + string(rune('A'+r.IntN(26))) + string(rune('A'+r.IntN(26)))
		}},
	{"France", []string{"SAS", "S.A.", "SARL"}, []string{"Paris", "Lyon", "Toulouse", "Nantes", "Lille", "Grenoble", "Bordeaux"},
		[]string{"rue de la République", "avenue Jean Jaurès", "boulevard Pasteur", "rue Victor Hugo", "quai des Chartrons"},
		func(s string, n int, p, c string) string { return itoa(n) + " " + s + ", " + p + " " + c + ", France" },
		func(r randSource) string { return digits(r, 5) }},
	{"Italy", []string{"S.r.l.", "S.p.A."}, []string{"Milano", "Torino", "Bologna", "Roma", "Firenze", "Padova"},
		[]string{"Via Roma", "Corso Italia", "Via Garibaldi", "Viale dell'Industria", "Via Mazzini"},
		func(s string, n int, p, c string) string { return s + " " + itoa(n) + ", " + p + " " + c + ", Italy" },
		func(r randSource) string { return digits(r, 5) }},
	{"Spain", []string{"S.L.", "S.A."}, []string{"Madrid", "Barcelona", "Valencia", "Bilbao", "Sevilla", "Zaragoza"},
		[]string{"Calle Mayor", "Avenida de la Constitución", "Calle de Alcalá", "Paseo de Gracia", "Calle Industria"},
		func(s string, n int, p, c string) string { return s + " " + itoa(n) + ", " + p + " " + c + ", Spain" },
		func(r randSource) string { return digits(r, 5) }},
	{"Sweden", []string{"AB"}, []string{"Stockholm", "Göteborg", "Malmö", "Uppsala", "Linköping"},
		[]string{"Storgatan", "Kungsgatan", "Drottninggatan", "Industrivägen"},
		func(s string, n int, p, c string) string { return s + " " + itoa(n) + ", " + p + " " + c + ", Sweden" },
		func(r randSource) string { return digits(r, 3) + " " + digits(r, 2) }},
	{"Denmark", []string{"A/S", "ApS"}, []string{"København", "Aarhus", "Odense", "Aalborg"},
		[]string{"Vesterbrogade", "Nørregade", "Strandvejen", "Industrivej"},
		func(s string, n int, p, c string) string { return s + " " + itoa(n) + ", " + p + " " + c + ", Denmark" },
		func(r randSource) string { return digits(r, 4) }},
	{"Ireland", []string{"Ltd", "DAC"}, []string{"Dublin", "Cork", "Galway", "Limerick"},
		[]string{"Grand Canal Quay", "Harcourt Street", "Patrick Street", "Business Park"},
		func(s string, n int, p, c string) string { return itoa(n) + " " + s + ", " + c + " " + p + ", Ireland" },
		func(r randSource) string {
			return "D" + digits(r, 2) + " " + string(rune('A'+r.IntN(26))) + digits(r, 3)
		}},
	{"Austria", []string{"GmbH", "AG"}, []string{"Wien", "Graz", "Linz", "Salzburg", "Innsbruck"},
		[]string{"Mariahilfer Straße", "Landstraße", "Hauptplatz", "Gewerbepark"},
		func(s string, n int, p, c string) string { return s + " " + itoa(n) + ", " + p + " " + c + ", Austria" },
		func(r randSource) string { return digits(r, 4) }},
}

var contactRoles = []string{"Quality manager", "Head of AI governance", "Chief information security officer", "Managing director", "Compliance officer", "Head of data science", "Management system coordinator"}

// findingText is a finding of the library: clause or control, the
// requirement, and evidence with {system} standing for an AI system or
// process of the client.
type findingText struct {
	ref, requirement, evidence string
}

var ncLibrary = map[certification.Standard][]findingText{
	s42: {
		{"6.1.2", "The organization shall define and apply an AI risk assessment process that identifies risks which could prevent it from achieving its AI objectives.", "The AI risk register was last reviewed {year}; {system} was retrained on new data since then and its risks, including bias against protected groups, were not re-assessed."},
		{"6.1.3", "The organization shall define an AI risk treatment process and determine the controls necessary to implement the chosen options.", "Risk treatment for {system} lists 'human review' as a control, but no reviewer role, threshold or record of review exists."},
		{"6.1.4", "The organization shall define a process for assessing the potential consequences of AI systems for individuals, groups and societies.", "No AI system impact assessment was available for {system}; the project file refers to an assessment 'to be done after go-live'."},
		{"8.2", "The organization shall perform AI risk assessments at planned intervals or when significant changes are proposed or occur.", "The change of the training data supplier for {system} in {month} did not trigger a risk assessment; the change record has no risk section."},
		{"8.4", "The organization shall perform AI system impact assessments at planned intervals or when significant changes occur.", "The impact assessment of {system} predates the extension of its use to a new customer group; no re-assessment was made."},
		{"A.6.2.4", "Verification and validation measures for the AI system shall be defined and documented, including the criteria for their use.", "Release acceptance criteria for {system} are not documented; the last two model releases were approved by e-mail without recorded validation results."},
		{"A.7.4", "The organization shall define and document requirements for data quality and ensure that data used for AI systems meets them.", "About 4 % of the records in the training extract of {system} reviewed were duplicates; no data quality criteria are defined."},
		{"A.7.5", "The organization shall record the provenance of data used in its AI systems over their life cycle.", "The origin of two of the five data sets used to train {system} could not be shown; the data inventory lists them as 'legacy'."},
		{"A.6.2.6", "The organization shall define the elements necessary for the ongoing operation of the AI system, including monitoring of its performance.", "Drift monitoring for {system} was switched off during the cloud migration and has not been re-enabled; no alert thresholds are defined."},
		{"A.6.2.8", "The organization shall determine at which phases of the AI system life cycle event logs are recorded.", "Inference logs of {system} are kept for 7 days, against the 6 months the AI policy requires."},
		{"A.5.2", "The organization shall establish a process to assess the potential consequences of AI systems throughout their life cycle.", "The impact assessment procedure exists in draft only; two new AI use cases went live in the period without it."},
		{"A.8.4", "The organization shall determine and document a plan for communicating incidents to users of the AI system.", "A misclassification incident of {system} affecting customers was handled internally; users were not informed and no communication plan exists."},
		{"A.10.3", "The organization shall ensure that services, products or materials from suppliers align with its approach to responsible AI.", "The foundation-model API used by {system} was contracted without any assessment of the supplier's AI practices."},
		{"A.9.2", "The organization shall define processes for the responsible use of AI systems.", "Staff use a public chatbot for drafting customer letters; no rule on permitted use or on personal data in prompts was issued."},
		{"A.3.2", "Roles and responsibilities for AI shall be defined and allocated according to the needs of the organization.", "The AI system owner of {system} named in the inventory left the company; no successor is appointed."},
		{"5.2", "Top management shall establish an AI policy that is communicated within the organization.", "The AI policy approved in {month} was not communicated to the development teams; interviewed engineers did not know it."},
		{"6.2", "The organization shall establish measurable AI objectives at relevant functions and levels.", "AI objectives are stated as 'use AI responsibly' without measures, targets or owners."},
		{"7.2", "The organization shall determine the competence of persons doing work that affects AI performance and keep evidence of it.", "No competence evidence was available for the two data scientists who validate {system}."},
		{"9.2", "The organization shall conduct internal audits at planned intervals covering the AI management system.", "The internal audit programme did not cover Annex A controls A.6 and A.7 in the period; no justification is recorded."},
		{"9.3", "Top management shall review the AI management system at planned intervals, considering the required inputs.", "The management review minutes do not consider the results of AI risk assessment or the performance of {system}."},
		{"10.2", "The organization shall evaluate the need for action to eliminate the causes of nonconformities and review the effectiveness of corrective action.", "Corrective actions from the previous internal audit were closed without any check of their effectiveness."},
	},
	s9: {
		{"7.1.5.2", "The organization shall ensure that monitoring and measuring resources are suitable and calibrated or verified at specified intervals.", "Two torque wrenches in final assembly were overdue for calibration by four months and still in use."},
		{"8.4.1", "The organization shall evaluate and re-evaluate external providers based on their ability to provide products in accordance with requirements.", "The supplier of {system} components has not been re-evaluated since 2019 although three deliveries were rejected last year."},
		{"8.5.1", "The organization shall implement production and service provision under controlled conditions.", "The work instruction at station 4 was revision C while revision E is released; operators worked to the old tolerances."},
		{"8.7.1", "The organization shall ensure that outputs that do not conform to their requirements are identified and controlled.", "Nonconforming parts were stored with released stock without a tag; the quarantine area was full."},
		{"9.1.2", "The organization shall monitor customers' perceptions of the degree to which their needs and expectations have been fulfilled.", "Customer satisfaction data has not been collected or analysed since {year}."},
		{"7.2", "The organization shall ensure that persons are competent on the basis of education, training or experience.", "Training records of three new operators for {system} were missing."},
		{"8.3.4", "The organization shall apply controls to the design and development process, including reviews and verification.", "The design review for the latest product release was not recorded; the release went ahead without verification results."},
		{"9.2.2", "The organization shall conduct internal audits at planned intervals.", "The internal audit programme for the year was not completed; production and purchasing were not audited."},
		{"9.3.2", "Top management shall review the quality management system at planned intervals.", "The management review did not consider the performance of external providers or the adequacy of resources."},
		{"10.2.1", "The organization shall react to nonconformities and take action to control and correct them.", "Complaint {month}-14 was closed without a root-cause analysis; the same defect recurred twice."},
	},
	s27: {
		{"6.1.3", "The organization shall produce a Statement of Applicability with justifications for inclusions and exclusions of controls.", "The Statement of Applicability excludes A.8.28 secure coding without justification although the client develops {system} in house."},
		{"A.5.15", "Rules to control access to information and assets shall be established and implemented.", "Access rights of five leavers to {system} were still active two months after they left."},
		{"A.8.8", "Information about technical vulnerabilities shall be obtained and appropriate measures taken.", "Critical patches for the VPN gateway were installed 74 days after release, against the 14 days the patch policy requires."},
		{"A.5.23", "Processes for the acquisition, use and exit from cloud services shall be established.", "No exit plan or security requirements exist for the cloud platform hosting {system}."},
		{"A.8.13", "Backup copies of information, software and systems shall be maintained and regularly tested.", "Restore tests of the backups of {system} have not been performed since {year}."},
		{"A.6.3", "Personnel shall receive appropriate information security awareness, education and training.", "A third of staff had not completed the annual security awareness training; no follow-up was made."},
		{"A.5.24", "The organization shall plan and prepare for managing information security incidents.", "The incident response plan names a team that no longer exists; the last incident was handled ad hoc."},
		{"A.5.19", "Processes shall be defined to manage the information security risks of suppliers' products and services.", "The outsourced help desk has access to {system} without a security clause in its contract."},
		{"A.8.15", "Logs that record activities, exceptions and faults shall be produced, stored, protected and analysed.", "Administrator activity on {system} is not logged; log retention is undefined."},
		{"9.2.2", "The organization shall conduct internal audits at planned intervals.", "The internal audit did not cover Annex A controls of theme 8 (technological controls) in the cycle."},
		{"9.3.2", "Top management shall review the ISMS at planned intervals.", "Management review minutes do not show feedback on information security performance or risk treatment status."},
	},
}

var ofiLibrary = map[certification.Standard][]findingText{
	s42: {
		{"A.6.2.7", "", "Technical documentation of {system} could link model versions to the data set versions used for training."},
		{"6.1.2", "", "Bias testing of {system} could extend to intersectional groups, not only single attributes."},
		{"A.8.2", "", "User information for {system} could explain in plain language when a person reviews an automated result."},
		{"9.1", "", "AI performance indicators could be reported to the management review as trends rather than single values."},
		{"A.4.3", "", "The data resource inventory could record retention periods per data set."},
		{"A.6.1.3", "", "The design process could include a decommissioning step for retired models."},
		{"7.3", "", "Awareness sessions on the AI policy could include the sales team, who explain AI features to customers."},
	},
	s9: {
		{"9.1.3", "", "Trend analysis of scrap rates could be used to prioritise improvement projects."},
		{"8.2.1", "", "Customer communication on delivery delays could be standardised."},
		{"7.1.6", "", "Lessons learned from projects could be collected in one place as organisational knowledge."},
		{"6.2.1", "", "Quality objectives could be broken down to department level."},
	},
	s27: {
		{"A.5.7", "", "Threat intelligence could be fed into the risk assessment more systematically."},
		{"A.8.16", "", "Monitoring alerts could be tuned to reduce false positives, which currently hide real events."},
		{"A.5.30", "", "ICT readiness for business continuity could be exercised with a full fail-over test."},
		{"6.1.2", "", "Risk owners could review their risks twice a year instead of once."},
	},
}

var positiveLibrary = []findingText{
	{"5.1", "", "Top management showed strong commitment: the management system is discussed in every monthly board meeting."},
	{"9.2", "", "The internal audit programme is risk-based and well documented; auditors are independent of the areas audited."},
	{"7.2", "", "A structured competence matrix with annual reviews is in place for all key roles."},
	{"10.1", "", "Improvement suggestions from staff are tracked transparently; 40 % were implemented last year."},
	{"8.1", "", "Operational planning and control are well embedded: every change passes a documented review with sign-off."},
}

var stage1Concerns = []findingText{
	{"4.3", "", "Area of concern: the scope statement does not yet name all sites and AI systems; clarify before stage 2."},
	{"6.1", "", "Area of concern: the risk assessment method is defined but not yet applied to all systems in scope."},
	{"9.2", "", "Area of concern: the first full internal audit is scheduled but not yet done; it must be completed before stage 2."},
	{"9.3", "", "Area of concern: the management review has not yet covered all required inputs."},
	{"6.1", "", "Area of concern: the Statement of Applicability lists exclusions whose justification should be strengthened."},
	{"7.5", "", "Area of concern: documented information is spread across three tools; control of versions should be checked at stage 2."},
}

var rootCauses = []string{
	"The procedure did not assign a responsible person, so the task was not scheduled.",
	"The change process had no trigger for this case; staff were not aware it applied.",
	"Staff turnover: the responsibility was not handed over when the owner left.",
	"The requirement was interpreted too narrowly when the process was designed.",
	"Workload during the migration project led to the activity being postponed without approval.",
	"The tool used to track the activity did not send reminders.",
}

var corrections = []string{
	"The missing record was created and approved.",
	"The affected items were reviewed and brought up to date.",
	"The outdated document was withdrawn and the current version issued.",
	"Access and settings were corrected on the day of the audit.",
	"The overdue activity was carried out and recorded.",
}

var actions = []string{
	"The procedure was revised to name an owner and a due date; compliance is checked in the monthly management meeting.",
	"A trigger was added to the change process; the team was trained and an internal audit will check effectiveness.",
	"A checklist and automated reminder were introduced; the quality manager reviews completion quarterly.",
	"Responsibilities were added to the role descriptions and the handover checklist.",
	"The process was redesigned and piloted; effectiveness will be reviewed after three months.",
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
