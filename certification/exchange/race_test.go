//go:build race

package exchange_test

// raceEnabled: the race detector makes encoding/json about ten times
// slower, so the huge-string case of the hostile catalogue uses 8 MB
// instead of 50 MB under it (both are far above MaxTextBytes).
const raceEnabled = true
