package view

// BulkFrom lets tests read names by walking every record (bulkFrom).
var BulkFrom = &bulkFrom
