package assets

import "embed"

// AuditTime holds the tables audit time is calculated from (see package
// certdesk/audit, audittime.go): the IAF MD 5 quality-management table
// and the body's ISO/IEC 42001 figures, one TSV file each. Editing a file
// and rebuilding changes the calculation.
//
//go:embed audittime/*.tsv
var AuditTime embed.FS
