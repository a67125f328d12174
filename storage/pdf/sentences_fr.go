package pdf

// French: the audit's objectives and criteria as the domain writes them
// (document.AuditObjectives, AuditCriteria), the deviations from the
// plan and the conditions on open nonconformities; %s is what the domain
// fills in (lang.go, sentences).

var sentencesFR = map[string]string{
	"and": "et",
	// criteria
	"The client's management system documentation":         "La documentation du système de management du client",
	"ISO/IEC 17021-1:2015 and the IAF mandatory documents": "ISO/IEC 17021-1:2015 et les documents obligatoires de l’IAF",
	"ISO/IEC 42006:2025 (audit of AI management systems)":  "ISO/IEC 42006:2025 (audit des systèmes de management de l’IA)",
	// stage 1
	"Review the client's documented management system against %s.":                                                                   "Examiner le système de management documenté du client au regard de l’%s.",
	"Confirm the scope, sites, processes and the legal and regulatory context of the client.":                                        "Confirmer le domaine d’application, les sites, les processus et le contexte légal et réglementaire du client.",
	"Evaluate whether internal audits and management review are planned and performed, and whether the client is ready for stage 2.": "Évaluer si les audits internes et la revue de direction sont planifiés et réalisés, et si le client est prêt pour l’étape 2.",
	"Agree the details of stage 2: sites, sample, time, team and logistics.":                                                         "Convenir des modalités de l’étape 2 : sites, échantillon, durée, équipe et logistique.",
	"Review the AI systems inventory, the client's AI role(s), and its AI risk and impact assessment methods.":                       "Examiner l’inventaire des systèmes d’IA, le ou les rôles du client en matière d’IA et ses méthodes d’appréciation des risques et des impacts liés à l’IA.",
	"Review the Statement of Applicability and the justification of its exclusions.":                                                 "Examiner la déclaration d’applicabilité et la justification de ses exclusions.",
	// stage 2
	"Evaluate the implementation, including the effectiveness, of the client's management system.":                                    "Évaluer la mise en œuvre, y compris l’efficacité, du système de management du client.",
	"Determine conformity with every requirement of %s (clauses 4–10) and every applicable Annex A control, with objective evidence.": "Déterminer la conformité à chaque exigence de l’%s (articles 4 à 10) et à chaque mesure applicable de l’annexe A, preuves objectives à l’appui.",
	"Follow up the areas of concern raised at stage 1.":                                                                               "Assurer le suivi des points de préoccupation relevés lors de l’étape 1.",
	"Confirm the scope of certification and give the team's recommendation on certification.":                                         "Confirmer le périmètre de certification et formuler la recommandation de l’équipe sur la certification.",
	// surveillance and recertification
	"Confirm that the management system continues to conform to %s and is effective.":                                               "Confirmer que le système de management demeure conforme à l’%s et efficace.",
	"Review internal audits, management review, changes, complaints and the use of certification documents and marks.":              "Examiner les audits internes, la revue de direction, les changements, les plaintes et l’utilisation des documents et marques de certification.",
	"Verify the actions taken on the nonconformities of earlier audits.":                                                            "Vérifier les actions menées à la suite des non-conformités des audits antérieurs.",
	"Recommend whether the certification is maintained.":                                                                            "Recommander le maintien ou non de la certification.",
	"Confirm the continued conformity and effectiveness of the whole management system against %s, and its relevance to the scope.": "Confirmer la conformité et l’efficacité continues de l’ensemble du système de management au regard de l’%s, et sa pertinence pour le domaine d’application.",
	"Review the performance of the system over the cycle, including the surveillance audits' results.":                              "Examiner la performance du système sur le cycle, y compris les résultats des audits de surveillance.",
	"Recommend whether the certification is renewed.":                                                                               "Recommander le renouvellement ou non de la certification.",
	// special audits and follow-ups
	"Investigate the matter that occasioned this special audit (change, complaint, extension of scope or a short-notice visit).": "Examiner le motif de cet audit spécial (changement, plainte, extension du domaine ou visite à court préavis).",
	"Determine whether the management system continues to conform to %s for the scope concerned.":                                "Déterminer si le système de management demeure conforme à l’%s pour le domaine concerné.",
	"Verify the correction and the effectiveness of the corrective actions taken on the nonconformities found.":                  "Vérifier la correction et l’efficacité des actions correctives menées à la suite des non-conformités relevées.",
	// deviations from the plan (certification.Audit.Deviations)
	"dates: planned %s to %s, carried out %s to %s": "dates : prévues du %s au %s, réalisées du %s au %s",
	"auditor-days: planned %s, carried out %s":      "jours-auditeur : %s prévus, %s réalisés",
	// conditions on open nonconformities (document.AuditPack.Conditions)
	"Major NC %s: correction and corrective action to be implemented and verified by the body by %s; not verified within %s months of the last day of stage 2 (by %s), stage 2 is repeated.":                    "Non-conformité majeure %s : correction et action corrective à mettre en œuvre et à faire vérifier par l’organisme au plus tard le %s ; à défaut de vérification dans les %s mois suivant le dernier jour de l’étape 2 (au plus tard le %s), l’étape 2 est renouvelée.",
	"Major NC %s: correction and corrective action to be implemented and verified by the body; not verified within %s months of the last day of stage 2 (by %s), stage 2 is repeated.":                          "Non-conformité majeure %s : correction et action corrective à mettre en œuvre et à faire vérifier par l’organisme ; à défaut de vérification dans les %s mois suivant le dernier jour de l’étape 2 (au plus tard le %s), l’étape 2 est renouvelée.",
	"Major NC %s: correction and corrective action to be implemented and verified by the body by %s; no decision to grant or renew before then, and an unverified major past its deadline leads to suspension.": "Non-conformité majeure %s : correction et action corrective à mettre en œuvre et à faire vérifier par l’organisme au plus tard le %s ; aucune décision d’octroi ou de renouvellement n’intervient auparavant, et une non-conformité majeure non vérifiée dans le délai entraîne la suspension.",
	"Major NC %s: correction and corrective action to be implemented and verified by the body; no decision to grant or renew before then, and an unverified major past its deadline leads to suspension.":       "Non-conformité majeure %s : correction et action corrective à mettre en œuvre et à faire vérifier par l’organisme ; aucune décision d’octroi ou de renouvellement n’intervient auparavant, et une non-conformité majeure non vérifiée dans le délai entraîne la suspension.",
	"Minor NC %s: correction and corrective action plan to be accepted by the body by %s; implementation is checked at the next audit.":                                                                         "Non-conformité mineure %s : correction et plan d’actions correctives à faire accepter par l’organisme au plus tard le %s ; leur mise en œuvre est vérifiée lors du prochain audit.",
	"Minor NC %s: correction and corrective action plan to be accepted by the body; implementation is checked at the next audit.":                                                                               "Non-conformité mineure %s : correction et plan d’actions correctives à faire accepter par l’organisme ; leur mise en œuvre est vérifiée lors du prochain audit.",
}
