package site

import (
	"html/template"

	"certdesk/certification"
	"certdesk/certification/view"
)

// pageData is what a certificate's page is made from.
type pageData struct {
	Register view.Register
	Entry    view.RegisterEntry
}

var funcs = template.FuncMap{
	"status": view.PublicStatus,
	"page":   PageName,
	"event":  eventLabel,
}

// eventLabel names a certificate event: a suspension, a restoration
// (back to active) or the withdrawal.
func eventLabel(s certification.CertificateStatus) string {
	if s == certification.CertActive {
		return "Restored"
	}
	return s.Label()
}

// style is the pages' own stylesheet, inline: the site loads nothing.
const style = `<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430}
h1{margin-bottom:.2rem}.sub{color:#556;margin-top:0}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde}
th{background:#f2f4f8}td.hash{font-family:monospace;word-break:break-all}
.status{font-weight:600;padding:.1rem .5rem;border-radius:.3rem;white-space:nowrap}
.status-active{background:#dff5e3;color:#11632a}.status-suspended{background:#fff1cc;color:#7a5200}
.status-withdrawn{background:#fde0e0;color:#9b1c1c}.status-expired,.status-superseded{background:#eceef2;color:#444}
#register td:first-child,#register td:last-child,td.nowrap{white-space:nowrap}
#q{font-size:1rem;padding:.5rem;width:24rem;max-width:100%}dl{display:grid;grid-template-columns:12rem 1fr;gap:.3rem 1rem}dt{font-weight:600}
</style>`

var indexPage = template.Must(template.New("index").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Body}}: certificate register</title>` + style + `</head><body>
<h1>{{.Body}}</h1>
<p class="sub">Register of certificates, published {{.AsOf}}. Statuses are as of that date. Withdrawn and expired certificates stay listed for {{.ListedDays}} days.</p>
<label for="q">Search</label> <input id="q" type="search" placeholder="number, client, standard, scope, status" autocomplete="off">
<span id="shown">{{len .Certificates}} certificates</span>
<table id="register"><thead><tr><th>Number</th><th>Client</th><th>Standard</th><th>Scope</th><th>Status on {{.AsOf}}</th><th>Expiry</th></tr></thead><tbody>
{{range .Certificates}}<tr><td><a href="cert/{{page .Number}}">{{.Number}}</a></td><td>{{.Client}}</td><td>{{.Standard}}</td><td>{{.Scope}}</td><td><span class="status status-{{.Status}}">{{status .Status}}</span>{{if .StatusSince}} since {{.StatusSince}}{{end}}</td><td>{{.Expiry}}</td></tr>
{{end}}</tbody></table>
<script>
(function(){
var q=document.getElementById("q"),rows=document.querySelectorAll("#register tbody tr"),shown=document.getElementById("shown");
function filter(){var t=q.value.trim().toLowerCase(),n=0;
for(var i=0;i<rows.length;i++){var hit=rows[i].textContent.toLowerCase().indexOf(t)>=0;rows[i].style.display=hit?"":"none";if(hit)n++;}
shown.textContent=t?n+" of "+rows.length+" certificates":rows.length+" certificates";}
var p=new URLSearchParams(location.search).get("q");if(p){q.value=p;}
q.addEventListener("input",filter);filter();
})();
</script>
</body></html>
`))

var certificatePage = template.Must(template.New("certificate").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
{{with .Entry}}<title>{{.Number}}: {{status .Status}}</title>` + style + `</head><body>
<p><a href="../index.html">{{$.Register.Body}}: certificate register</a></p>
<h1>Certificate {{.Number}}</h1>
<p class="sub">Status on {{$.Register.AsOf}}: <span class="status status-{{.Status}}">{{status .Status}}</span>{{if .StatusSince}} since {{.StatusSince}}{{end}}</p>
<p id="scanned" class="sub" hidden data-revision="{{.Revision}}"></p>
<dl>
<dt>Client</dt><dd>{{.Client}}</dd>
<dt>Standard</dt><dd>{{.Standard}}</dd>
<dt>Scope</dt><dd>{{.Scope}}</dd>
<dt>Revision</dt><dd>{{.Revision}}</dd>
<dt>Original certification</dt><dd>{{.OriginalDate}}</dd>
<dt>This revision issued</dt><dd>{{.IssueDate}}</dd>
<dt>Expiry</dt><dd>{{.Expiry}}</dd>
{{range .Events}}<dt>{{event .Status}}</dt><dd>{{.Date}}</dd>
{{end}}</dl>
<h2>Sites</h2>
<table><thead><tr><th>Site</th><th>Address</th><th>Scope</th></tr></thead><tbody>
{{range .Sites}}<tr><td>{{.Code}}</td><td>{{.Address}}</td><td>{{if .Scope}}{{.Scope}}{{else}}as the certificate{{end}}</td></tr>
{{end}}</tbody></table>
<h2>Revisions and issued documents</h2>
<p>The SHA-256 of every certificate file the body issued. Compare it with your file's (<code>sha256sum FILE</code>, <code>certutil -hashfile FILE SHA256</code>, <code>shasum -a 256 FILE</code>): a file whose hash is not listed is not one the body issued.</p>
<table><thead><tr><th>Revision</th><th>Issued</th><th>Status on {{$.Register.AsOf}}</th><th>Document issued</th><th>SHA-256</th><th>Bytes</th></tr></thead><tbody>
{{range .Revisions}}{{$r := .}}{{range .Documents}}<tr><td>{{$r.Revision}}</td><td class="nowrap">{{$r.IssueDate}}</td><td>{{status $r.Status}}</td><td class="nowrap">{{.Issued}}</td><td class="hash">{{.SHA256}}</td><td>{{.Size}}</td></tr>
{{else}}<tr><td>{{$r.Revision}}</td><td class="nowrap">{{$r.IssueDate}}</td><td>{{status $r.Status}}</td><td colspan="3">no document recorded</td></tr>
{{end}}{{end}}</tbody></table>
{{end}}<script>
(function(){
var q=new URLSearchParams(location.search),rev=q.get("rev"),sum=q.get("sha256")||"";
if(!rev||!/^[0-9]{1,6}$/.test(rev)){return;}
var p=document.getElementById("scanned"),cur=p.getAttribute("data-revision");
var t="The document you scanned is revision "+rev+(rev===cur?", the revision listed here.":"; the revision listed here is "+cur+": the document you hold is not the current one.");
if(/^[0-9a-f]{1,64}$/.test(sum)){t+=" The start of its content's SHA-256 is "+sum+".";}
p.textContent=t;p.hidden=false;
})();
</script>
</body></html>
`))
