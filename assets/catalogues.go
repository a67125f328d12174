package assets

import "embed"

// Catalogues holds the audit checklists, one TSV file per standard
// (reference, kind, group, title): see package certdesk/audit.
//
//go:embed catalogues/*.tsv
var Catalogues embed.FS
