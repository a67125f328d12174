package assets

import "embed"

// Catalogues holds the audit checklists, one TSV file per standard
// (reference, kind, group, title): see package certdesk/audit.
//
//go:embed catalogues/*.tsv
var Catalogues embed.FS

// Examples holds catalogue files as a body writes them to add a standard
// CertDesk does not ship (certctl standard add): the demo adds ISO 14001
// from one, and docs/standards.md shows them.
//
//go:embed examples/*.tsv
var Examples embed.FS
