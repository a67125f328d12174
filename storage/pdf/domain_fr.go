package pdf

// French: the words the domain gives the audit report and plan (its
// labels in certification/labels.go and the timetable's meetings).

var domainFR = map[string]string{
	// audit kinds
	"Stage 1": "Étape 1", "Stage 2": "Étape 2", "Surveillance": "Audit de surveillance", "Recertification": "Audit de renouvellement",
	"Special / short-notice": "Audit spécial / à court préavis", "Verification follow-up": "Audit de suivi (vérification)",
	// grades and checklist results
	"Major NC": "Non-conformité majeure", "Minor NC": "Non-conformité mineure", "Opportunity for improvement": "Piste d’amélioration",
	"Observation": "Observation", "Positive finding": "Point fort", "Conform": "Conforme", "OFI": "Piste d’amélioration",
	"N/A": "Non applicable", "Not audited": "Non audité",
	// finding statuses
	"Awaiting response": "Réponse attendue", "Response to review": "Réponse à examiner", "Response rejected": "Réponse refusée",
	"Awaiting verification": "Vérification attendue", "Plan accepted": "Plan d’actions accepté", "Verified": "Vérifiée",
	"No action needed": "Aucune action requise",
	// recommendations and stage 1 outcomes
	"Grant certification": "Accorder la certification", "Renew certification": "Renouveler la certification",
	"Maintain certification": "Maintenir la certification", "Not until the nonconformities are closed": "Pas avant la levée des non-conformités",
	"Refuse certification": "Refuser la certification", "Suspend the certificate": "Suspendre le certificat", "Change the scope": "Modifier le domaine d’application",
	"ready for stage 2": "prêt pour l’étape 2", "not ready for stage 2": "pas prêt pour l’étape 2",
	// team roles
	"Lead auditor": "Responsable d’audit", "Auditor": "Auditeur", "Technical expert": "Expert technique",
	"Trainee auditor": "Auditeur en formation", "Observer": "Observateur",
	// multi-site samples
	"initial": "certification initiale", "surveillance": "surveillance", "recertification": "renouvellement",
	// the timetable's meetings
	"Opening meeting": "Réunion d’ouverture", "Closing meeting": "Réunion de clôture", "Lunch break": "Pause déjeuner",
	"Daily review": "Point quotidien", "Team review": "Revue de l’équipe",
	"Introductions; the plan, scope and methods confirmed; confidentiality; communication during the audit": "Présentations ; confirmation du plan, du domaine et des méthodes ; confidentialité ; communication pendant l’audit",
	"The team's review of the day; a short briefing of the client's representative":                         "Revue de la journée par l’équipe ; bref compte rendu au représentant du client",
	"Findings, conclusions and the team's recommendation (team only)":                                       "Constats, conclusions et recommandation de l’équipe (équipe seule)",
	"Findings, their grading and deadlines, the team's recommendation, next steps":                          "Constats, leur classement et leurs délais, recommandation de l’équipe, prochaines étapes",
	"(continued)":      "(suite)",
	"All team members": "Toute l’équipe", "The client's premises": "Locaux du client",
}
