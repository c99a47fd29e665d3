{{/* The chart's name, overridable. */}}
{{- define "vfbridge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's resource name. */}}
{{- define "vfbridge.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every resource carries. */}}
{{- define "vfbridge.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "vfbridge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels that select the pods. */}}
{{- define "vfbridge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vfbridge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The Secret holding the credentials: an existing one or the chart's. */}}
{{- define "vfbridge.secretName" -}}
{{- default (include "vfbridge.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "vfbridge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "vfbridge.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the API keys' SHA-256: its own or the existing credentials Secret. */}}
{{- define "vfbridge.apiKeySecretName" -}}
{{- required "apiKeys.existingSecret (or secrets.existingSecret) must name the Secret holding the API keys' SHA-256" (default .Values.secrets.existingSecret .Values.apiKeys.existingSecret) -}}
{{- end -}}
