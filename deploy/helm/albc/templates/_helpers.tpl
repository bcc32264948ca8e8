{{/* Names as the reference chart's helpers make them (docs/installation.md "Names"). */}}

{{- define "albc.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "albc.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The prefix of the webhook Service, TLS Secret and webhook configurations: the name minus "-controller". */}}
{{- define "albc.namePrefix" -}}
{{- include "albc.name" . | trimSuffix "-controller" | trunc 42 | trimSuffix "-" }}
{{- end }}

{{- define "albc.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "albc.selectorLabels" -}}
app.kubernetes.io/name: {{ include "albc.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "albc.labels" -}}
{{ include "albc.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- if eq (default "helm" .Values.creator) "helm" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "albc.chart" . }}
{{- end }}
{{- with .Values.additionalLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "albc.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "albc.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "albc.webhookService" -}}
{{- printf "%s-webhook-service" (include "albc.namePrefix" .) }}
{{- end }}

{{- define "albc.webhookCertSecret" -}}
{{- printf "%s-tls" (include "albc.namePrefix" .) }}
{{- end }}

{{- define "albc.webhookName" -}}
{{- printf "%s-webhook" (include "albc.namePrefix" .) }}
{{- end }}

{{/* True when any admission webhook is registered (albc serves its handler). */}}
{{- define "albc.anyWebhook" -}}
{{- $w := .Values.webhooks }}
{{- if or $w.podMutator $w.targetGroupBindingMutator $w.targetGroupBindingValidator $w.ingressClassParamsValidator (and $w.ingressValidator (not .Values.webhookConfig.disableIngressValidation)) }}true{{ end }}
{{- end }}

{{/*
The webhook certificate: webhookTLS.* when all three are set; else the existing Secret when
keepTLSSecret (and no cert-manager); else a CA and a serving certificate generated now (a new pair
on every upgrade). Returns a dict with caCert, clientCert, clientKey.
*/}}
{{- define "albc.webhookCerts" -}}
{{- $serviceName := include "albc.webhookService" . -}}
{{- $secretName := include "albc.webhookCertSecret" . -}}
{{- $altNames := list (printf "%s.%s" $serviceName .Release.Namespace) (printf "%s.%s.svc" $serviceName .Release.Namespace) (printf "%s.%s.svc.%s" $serviceName .Release.Namespace .Values.cluster.dnsDomain) -}}
{{- $secret := dict -}}
{{- if and .Values.keepTLSSecret (not .Values.enableCertManager) -}}
{{- $secret = lookup "v1" "Secret" .Release.Namespace $secretName -}}
{{- end -}}
{{- if and .Values.webhookTLS.caCert .Values.webhookTLS.cert .Values.webhookTLS.key -}}
caCert: {{ .Values.webhookTLS.caCert | b64enc }}
clientCert: {{ .Values.webhookTLS.cert | b64enc }}
clientKey: {{ .Values.webhookTLS.key | b64enc }}
{{- else if $secret -}}
caCert: {{ index $secret.data "ca.crt" }}
clientCert: {{ index $secret.data "tls.crt" }}
clientKey: {{ index $secret.data "tls.key" }}
{{- else -}}
{{- $ca := genCA "albc-ca" 3650 -}}
{{- $cert := genSignedCert (include "albc.fullname" .) nil $altNames 3650 $ca -}}
caCert: {{ $ca.Cert | b64enc }}
clientCert: {{ $cert.Cert | b64enc }}
clientKey: {{ $cert.Key | b64enc }}
{{- end -}}
{{- end -}}

{{/* k=v,k=v of a map, keys sorted */}}
{{- define "albc.mapArg" -}}
{{- $out := list }}
{{- range $k := keys . | sortAlpha }}
{{- $out = append $out (printf "%s=%v" $k (index $ $k)) }}
{{- end }}
{{- join "," $out }}
{{- end }}
