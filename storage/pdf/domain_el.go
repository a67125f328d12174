package pdf

// Greek: the words the domain gives the audit report and plan (its
// labels in certification/labels.go and the timetable's meetings).

var domainEL = map[string]string{
	// audit kinds
	"Stage 1": "Στάδιο 1", "Stage 2": "Στάδιο 2", "Surveillance": "Επιθεώρηση επιτήρησης", "Recertification": "Επιθεώρηση επαναπιστοποίησης",
	"Special / short-notice": "Έκτακτη επιθεώρηση / με σύντομη ειδοποίηση", "Verification follow-up": "Επιθεώρηση παρακολούθησης (επαλήθευση)",
	// grades and checklist results
	"Major NC": "Μείζων μη συμμόρφωση", "Minor NC": "Ελάσσων μη συμμόρφωση", "Opportunity for improvement": "Ευκαιρία βελτίωσης",
	"Observation": "Παρατήρηση", "Positive finding": "Θετικό εύρημα", "Conform": "Συμμόρφωση", "OFI": "Ευκαιρία βελτίωσης",
	"N/A": "Δεν εφαρμόζεται", "Not audited": "Δεν επιθεωρήθηκε",
	// finding statuses
	"Awaiting response": "Αναμένεται απάντηση", "Response to review": "Απάντηση προς αξιολόγηση", "Response rejected": "Η απάντηση απορρίφθηκε",
	"Awaiting verification": "Αναμένεται επαλήθευση", "Plan accepted": "Το σχέδιο ενεργειών έγινε αποδεκτό", "Verified": "Επαληθεύτηκε",
	"No action needed": "Δεν απαιτείται ενέργεια",
	// recommendations and stage 1 outcomes
	"Grant certification": "Χορήγηση πιστοποίησης", "Renew certification": "Ανανέωση πιστοποίησης",
	"Maintain certification": "Διατήρηση πιστοποίησης", "Not until the nonconformities are closed": "Όχι πριν κλείσουν οι μη συμμορφώσεις",
	"Refuse certification": "Άρνηση πιστοποίησης", "Suspend the certificate": "Αναστολή του πιστοποιητικού", "Change the scope": "Τροποποίηση του πεδίου εφαρμογής",
	"ready for stage 2": "έτοιμος για το στάδιο 2", "not ready for stage 2": "μη έτοιμος για το στάδιο 2",
	// team roles
	"Lead auditor": "Επικεφαλής επιθεωρητής", "Auditor": "Επιθεωρητής", "Technical expert": "Τεχνικός εμπειρογνώμονας",
	"Trainee auditor": "Εκπαιδευόμενος επιθεωρητής", "Observer": "Παρατηρητής",
	// multi-site samples
	"initial": "αρχική πιστοποίηση", "surveillance": "επιτήρηση", "recertification": "επαναπιστοποίηση",
	// the timetable's meetings
	"Opening meeting": "Εναρκτήρια σύσκεψη", "Closing meeting": "Καταληκτική σύσκεψη", "Lunch break": "Διάλειμμα για γεύμα",
	"Daily review": "Ημερήσια ανασκόπηση", "Team review": "Ανασκόπηση της ομάδας",
	"Introductions; the plan, scope and methods confirmed; confidentiality; communication during the audit": "Συστάσεις· επιβεβαίωση σχεδίου, πεδίου και μεθόδων· εμπιστευτικότητα· επικοινωνία κατά την επιθεώρηση",
	"The team's review of the day; a short briefing of the client's representative":                         "Ανασκόπηση της ημέρας από την ομάδα· σύντομη ενημέρωση του εκπροσώπου του πελάτη",
	"Findings, conclusions and the team's recommendation (team only)":                                       "Ευρήματα, συμπεράσματα και σύσταση της ομάδας (μόνο η ομάδα)",
	"Findings, their grading and deadlines, the team's recommendation, next steps":                          "Ευρήματα, διαβάθμιση και προθεσμίες, σύσταση της ομάδας, επόμενα βήματα",
	"(continued)":      "(συνέχεια)",
	"All team members": "Όλα τα μέλη της ομάδας", "The client's premises": "Εγκαταστάσεις του πελάτη",
}
