package pdf

// Greek: the audit's objectives and criteria as the domain writes them
// (document.AuditObjectives, AuditCriteria), the deviations from the
// plan and the conditions on open nonconformities; %s is what the domain
// fills in (lang.go, sentences).

var sentencesEL = map[string]string{
	"and": "και",
	// criteria
	"The client's management system documentation":         "Η τεκμηρίωση του συστήματος διαχείρισης του πελάτη",
	"ISO/IEC 17021-1:2015 and the IAF mandatory documents": "ISO/IEC 17021-1:2015 και τα υποχρεωτικά έγγραφα του IAF",
	"ISO/IEC 42006:2025 (audit of AI management systems)":  "ISO/IEC 42006:2025 (επιθεώρηση συστημάτων διαχείρισης τεχνητής νοημοσύνης)",
	// stage 1
	"Review the client's documented management system against %s.":                                                                   "Ανασκόπηση του τεκμηριωμένου συστήματος διαχείρισης του πελάτη έναντι του %s.",
	"Confirm the scope, sites, processes and the legal and regulatory context of the client.":                                        "Επιβεβαίωση του πεδίου εφαρμογής, των εγκαταστάσεων, των διεργασιών και του νομικού και κανονιστικού πλαισίου του πελάτη.",
	"Evaluate whether internal audits and management review are planned and performed, and whether the client is ready for stage 2.": "Αξιολόγηση του αν οι εσωτερικές επιθεωρήσεις και η ανασκόπηση από τη διοίκηση προγραμματίζονται και διενεργούνται, και του αν ο πελάτης είναι έτοιμος για το στάδιο 2.",
	"Agree the details of stage 2: sites, sample, time, team and logistics.":                                                         "Συμφωνία για τις λεπτομέρειες του σταδίου 2: εγκαταστάσεις, δείγμα, χρόνος, ομάδα και οργάνωση.",
	"Review the AI systems inventory, the client's AI role(s), and its AI risk and impact assessment methods.":                       "Ανασκόπηση του καταλόγου συστημάτων τεχνητής νοημοσύνης, του ρόλου ή των ρόλων του πελάτη και των μεθόδων εκτίμησης κινδύνων και επιπτώσεων της τεχνητής νοημοσύνης.",
	"Review the Statement of Applicability and the justification of its exclusions.":                                                 "Ανασκόπηση της Δήλωσης Εφαρμοσιμότητας και της αιτιολόγησης των εξαιρέσεών της.",
	// stage 2
	"Evaluate the implementation, including the effectiveness, of the client's management system.":                                    "Αξιολόγηση της εφαρμογής, συμπεριλαμβανομένης της αποτελεσματικότητας, του συστήματος διαχείρισης του πελάτη.",
	"Determine conformity with every requirement of %s (clauses 4–10) and every applicable Annex A control, with objective evidence.": "Προσδιορισμός της συμμόρφωσης με κάθε απαίτηση του %s (ρήτρες 4–10) και με κάθε εφαρμοστέο μέτρο ελέγχου του Παραρτήματος Α, με αντικειμενικά τεκμήρια.",
	"Follow up the areas of concern raised at stage 1.":                                                                               "Παρακολούθηση των σημείων προβληματισμού που εντοπίστηκαν στο στάδιο 1.",
	"Confirm the scope of certification and give the team's recommendation on certification.":                                         "Επιβεβαίωση του πεδίου πιστοποίησης και διατύπωση της σύστασης της ομάδας για την πιστοποίηση.",
	// surveillance and recertification
	"Confirm that the management system continues to conform to %s and is effective.":                                               "Επιβεβαίωση ότι το σύστημα διαχείρισης εξακολουθεί να συμμορφώνεται με το %s και είναι αποτελεσματικό.",
	"Review internal audits, management review, changes, complaints and the use of certification documents and marks.":              "Ανασκόπηση των εσωτερικών επιθεωρήσεων, της ανασκόπησης από τη διοίκηση, των αλλαγών, των παραπόνων και της χρήσης εγγράφων και σημάτων πιστοποίησης.",
	"Verify the actions taken on the nonconformities of earlier audits.":                                                            "Επαλήθευση των ενεργειών για τις μη συμμορφώσεις προηγούμενων επιθεωρήσεων.",
	"Recommend whether the certification is maintained.":                                                                            "Σύσταση για τη διατήρηση ή μη της πιστοποίησης.",
	"Confirm the continued conformity and effectiveness of the whole management system against %s, and its relevance to the scope.": "Επιβεβαίωση της διαρκούς συμμόρφωσης και αποτελεσματικότητας του συνόλου του συστήματος διαχείρισης έναντι του %s και της καταλληλότητάς του για το πεδίο εφαρμογής.",
	"Review the performance of the system over the cycle, including the surveillance audits' results.":                              "Ανασκόπηση της επίδοσης του συστήματος κατά τον κύκλο, συμπεριλαμβανομένων των αποτελεσμάτων των επιθεωρήσεων επιτήρησης.",
	"Recommend whether the certification is renewed.":                                                                               "Σύσταση για την ανανέωση ή μη της πιστοποίησης.",
	// special audits and follow-ups
	"Investigate the matter that occasioned this special audit (change, complaint, extension of scope or a short-notice visit).": "Διερεύνηση του ζητήματος που προκάλεσε την έκτακτη επιθεώρηση (αλλαγή, παράπονο, επέκταση πεδίου ή επίσκεψη με σύντομη ειδοποίηση).",
	"Determine whether the management system continues to conform to %s for the scope concerned.":                                "Προσδιορισμός του αν το σύστημα διαχείρισης εξακολουθεί να συμμορφώνεται με το %s για το σχετικό πεδίο εφαρμογής.",
	"Verify the correction and the effectiveness of the corrective actions taken on the nonconformities found.":                  "Επαλήθευση της διόρθωσης και της αποτελεσματικότητας των διορθωτικών ενεργειών για τις μη συμμορφώσεις που εντοπίστηκαν.",
	// deviations from the plan (certification.Audit.Deviations)
	"dates: planned %s to %s, carried out %s to %s": "ημερομηνίες: προγραμματισμένες από %s έως %s, πραγματοποιήθηκε από %s έως %s",
	"auditor-days: planned %s, carried out %s":      "ημέρες-επιθεωρητή: προγραμματισμένες %s, πραγματοποιήθηκαν %s",
	// conditions on open nonconformities (document.AuditPack.Conditions)
	"Major NC %s: correction and corrective action to be implemented and verified by the body by %s; not verified within %s months of the last day of stage 2 (by %s), stage 2 is repeated.":                    "Μείζων μη συμμόρφωση %s: διόρθωση και διορθωτική ενέργεια που πρέπει να εφαρμοστούν και να επαληθευτούν από τον φορέα έως τις %s· αν δεν επαληθευτούν εντός %s μηνών από την τελευταία ημέρα του σταδίου 2 (έως τις %s), το στάδιο 2 επαναλαμβάνεται.",
	"Major NC %s: correction and corrective action to be implemented and verified by the body; not verified within %s months of the last day of stage 2 (by %s), stage 2 is repeated.":                          "Μείζων μη συμμόρφωση %s: διόρθωση και διορθωτική ενέργεια που πρέπει να εφαρμοστούν και να επαληθευτούν από τον φορέα· αν δεν επαληθευτούν εντός %s μηνών από την τελευταία ημέρα του σταδίου 2 (έως τις %s), το στάδιο 2 επαναλαμβάνεται.",
	"Major NC %s: correction and corrective action to be implemented and verified by the body by %s; no decision to grant or renew before then, and an unverified major past its deadline leads to suspension.": "Μείζων μη συμμόρφωση %s: διόρθωση και διορθωτική ενέργεια που πρέπει να εφαρμοστούν και να επαληθευτούν από τον φορέα έως τις %s· καμία απόφαση χορήγησης ή ανανέωσης πριν από τότε, και μείζων μη συμμόρφωση που δεν επαληθεύτηκε εντός της προθεσμίας οδηγεί σε αναστολή.",
	"Major NC %s: correction and corrective action to be implemented and verified by the body; no decision to grant or renew before then, and an unverified major past its deadline leads to suspension.":       "Μείζων μη συμμόρφωση %s: διόρθωση και διορθωτική ενέργεια που πρέπει να εφαρμοστούν και να επαληθευτούν από τον φορέα· καμία απόφαση χορήγησης ή ανανέωσης πριν από τότε, και μείζων μη συμμόρφωση που δεν επαληθεύτηκε εντός της προθεσμίας οδηγεί σε αναστολή.",
	"Minor NC %s: correction and corrective action plan to be accepted by the body by %s; implementation is checked at the next audit.":                                                                         "Ελάσσων μη συμμόρφωση %s: διόρθωση και σχέδιο διορθωτικών ενεργειών που πρέπει να γίνουν αποδεκτά από τον φορέα έως τις %s· η εφαρμογή τους ελέγχεται στην επόμενη επιθεώρηση.",
	"Minor NC %s: correction and corrective action plan to be accepted by the body; implementation is checked at the next audit.":                                                                               "Ελάσσων μη συμμόρφωση %s: διόρθωση και σχέδιο διορθωτικών ενεργειών που πρέπει να γίνουν αποδεκτά από τον φορέα· η εφαρμογή τους ελέγχεται στην επόμενη επιθεώρηση.",
}
