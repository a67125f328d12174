package assets

import _ "embed"

// IAFSectors is the list of IAF sector codes with their titles: a TSV
// file with a header line ("code", "title") and one code a line, 1 to 39.
//
//go:embed iaf-sectors.tsv
var IAFSectors string
