package pdf

import "golang.org/x/text/language"

// French: the certificate's words in formal French; the standard's name
// and clause titles stay in English.

func init() {
	setAll(language.French, certificateFR)
	setAll(language.French, monthsFR)
	setAll(language.French, reportPlanFR)
}

var certificateFR = map[string]string{
	"Certificate %s revision %s": "Certificat %s révision %s",
	"CERTIFICATE":                "CERTIFICAT",
	"This is to certify that the management system of": "Il est certifié que le système de management de",
	"conforms to the requirements of":                  "est conforme aux exigences de la norme",
	"for the scope":                                    "pour le domaine d’application",
	"at the %s sites listed in the annex.":             "sur les %s sites énumérés en annexe.",
	"%s (supersedes revision %s)":                      "%s (remplace la révision %s)",
	"Certificate number":                               "Numéro de certificat",
	"Revision":                                         "Révision",
	"Transferred from":                                 "Transféré de",
	"Original certification":                           "Certification initiale",
	"Date of this issue":                               "Date de la présente émission",
	"Expiry date":                                      "Date d’expiration",
	"Status on %s":                                     "Statut au %s",
	"valid":                                            "valide",
	"suspended":                                        "suspendu",
	"withdrawn":                                        "retiré",
	"expired":                                          "expiré",
	"superseded":                                       "remplacé",
	"not yet in force":                                 "pas encore en vigueur",
	"SUSPENDED":                                        "SUSPENDU",
	"WITHDRAWN":                                        "RETIRÉ",
	"EXPIRED":                                          "EXPIRÉ",
	"SUPERSEDED":                                       "REMPLACÉ",
	"NOT YET IN FORCE":                                 "PAS ENCORE EN VIGUEUR",
	"For %s":                                           "Pour %s",
	"Accredited by %s":                                 "Accrédité par %s",
	"Accreditation number %s":                          "Numéro d’accréditation %s",
	"Sites covered":                                    "Sites couverts",
	"Scope at this site: %s":                           "Domaine d’application sur ce site : %s",
	"Annex: sites covered by certificate %s revision %s": "Annexe : sites couverts par le certificat %s révision %s",
	qrNote: "Le code QR contient le numéro du certificat, la révision et le début de l’empreinte SHA-256 du contenu du présent document. " +
		"L’organisme confirme, à partir de l’empreinte SHA-256 du fichier, qu’un fichier PDF a bien été émis par lui et indique le statut actuel du certificat.",
	qrNoteRegister: "Le code QR ouvre ce certificat dans le registre public de l’organisme, avec la révision et le début de l’empreinte SHA-256 du contenu du présent document. " +
		"L’empreinte SHA-256 du fichier, publiée dans ce registre, permet de vérifier qu’un fichier PDF a bien été émis par l’organisme.",
}

var monthsFR = map[string]string{
	"January": "janvier", "February": "février", "March": "mars", "April": "avril", "May": "mai", "June": "juin",
	"July": "juillet", "August": "août", "September": "septembre", "October": "octobre", "November": "novembre", "December": "décembre",
}
