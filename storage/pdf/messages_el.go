package pdf

import "golang.org/x/text/language"

// Greek: the certificate's words in formal Greek (months in the
// genitive, as a date says them; capitals without accents); the
// standard's name and clause titles stay in English.

func init() {
	setAll(language.Greek, certificateEL)
	setAll(language.Greek, monthsEL)
	setAll(language.Greek, reportPlanEL)
}

var certificateEL = map[string]string{
	"Certificate %s revision %s": "Πιστοποιητικό %s αναθεώρηση %s",
	"CERTIFICATE":                "ΠΙΣΤΟΠΟΙΗΤΙΚΟ",
	"This is to certify that the management system of": "Πιστοποιείται ότι το σύστημα διαχείρισης του οργανισμού",
	"conforms to the requirements of":                  "συμμορφώνεται με τις απαιτήσεις του προτύπου",
	"for the scope":                                    "για το πεδίο εφαρμογής",
	"at the %s sites listed in the annex.":             "στις %s εγκαταστάσεις που αναφέρονται στο παράρτημα.",
	"%s (supersedes revision %s)":                      "%s (αντικαθιστά την αναθεώρηση %s)",
	"Certificate number":                               "Αριθμός πιστοποιητικού",
	"Revision":                                         "Αναθεώρηση",
	"Transferred from":                                 "Μεταφέρθηκε από",
	"Original certification":                           "Αρχική πιστοποίηση",
	"Date of this issue":                               "Ημερομηνία της παρούσας έκδοσης",
	"Expiry date":                                      "Ημερομηνία λήξης",
	"Status on %s":                                     "Κατάσταση στις %s",
	"valid":                                            "σε ισχύ",
	"suspended":                                        "σε αναστολή",
	"withdrawn":                                        "ανακλήθηκε",
	"expired":                                          "έληξε",
	"superseded":                                       "αντικαταστάθηκε",
	"not yet in force":                                 "δεν ισχύει ακόμη",
	"SUSPENDED":                                        "ΣΕ ΑΝΑΣΤΟΛΗ",
	"WITHDRAWN":                                        "ΑΝΑΚΛΗΘΗΚΕ",
	"EXPIRED":                                          "ΕΛΗΞΕ",
	"SUPERSEDED":                                       "ΑΝΤΙΚΑΤΑΣΤΑΘΗΚΕ",
	"NOT YET IN FORCE":                                 "ΔΕΝ ΙΣΧΥΕΙ ΑΚΟΜΗ",
	"For %s":                                           "Για λογαριασμό του φορέα %s",
	"Accredited by %s":                                 "Φορέας διαπίστευσης: %s",
	"Accreditation number %s":                          "Αριθμός διαπίστευσης %s",
	"Sites covered":                                    "Εγκαταστάσεις που καλύπτονται",
	"Scope at this site: %s":                           "Πεδίο εφαρμογής στην εγκατάσταση: %s",
	"Annex: sites covered by certificate %s revision %s": "Παράρτημα: εγκαταστάσεις που καλύπτει το πιστοποιητικό %s αναθεώρηση %s",
	qrNote: "Ο κωδικός QR περιέχει τον αριθμό του πιστοποιητικού, την αναθεώρηση και την αρχή του SHA-256 του περιεχομένου του παρόντος εγγράφου. " +
		"Ο φορέας επιβεβαιώνει, βάσει του SHA-256 του αρχείου, αν ένα αρχείο PDF έχει εκδοθεί από αυτόν, καθώς και την τρέχουσα κατάσταση του πιστοποιητικού.",
	qrNoteRegister: "Ο κωδικός QR ανοίγει το παρόν πιστοποιητικό στο δημόσιο μητρώο του φορέα, με την αναθεώρηση και την αρχή του SHA-256 του περιεχομένου του παρόντος εγγράφου. " +
		"Το SHA-256 του αρχείου, που δημοσιεύεται εκεί, επιβεβαιώνει αν ένα αρχείο PDF έχει εκδοθεί από τον φορέα.",
}

var monthsEL = map[string]string{
	"January": "Ιανουαρίου", "February": "Φεβρουαρίου", "March": "Μαρτίου", "April": "Απριλίου", "May": "Μαΐου", "June": "Ιουνίου",
	"July": "Ιουλίου", "August": "Αυγούστου", "September": "Σεπτεμβρίου", "October": "Οκτωβρίου", "November": "Νοεμβρίου", "December": "Δεκεμβρίου",
}
