{{/*
The names and labels here are the ones the CLI looks for (src/cluster/names.rs, DESIGN section 5);
tests/it/chart.rs renders the chart and finds each of them, so change both or neither.
*/}}

{{- define "ud.name" -}}
{{- required "app.yaml needs `name`" .Values.name -}}
{{- end -}}

{{/* The labels of every object; pass (dict "root" $ "component" "web"), component optional. */}}
{{- define "ud.labels" -}}
{{ include "ud.podLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The pods' labels: without the chart's version, so that a new chart version alone does not
replace every pod (with a ReadWriteOnce volume, a downtime). */}}
{{- define "ud.podLabels" -}}
{{ include "ud.selector" . }}
app.kubernetes.io/managed-by: ungleich-django
app.kubernetes.io/name: {{ include "ud.name" .root }}
{{- end -}}

{{/* The labels that select an app's pods, or one component's. */}}
{{- define "ud.selector" -}}
app.kubernetes.io/instance: {{ include "ud.name" .root }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{- define "ud.image" -}}
{{- required "app.yaml needs `image`: run `ungleich-django deploy --image REF`" .Values.image -}}
{{- end -}}

{{- define "ud.shared" -}}
{{- if eq (.Values.storage | default "volume") "shared" }}true{{ end -}}
{{- end -}}

{{- define "ud.dataVolume" -}}
{{- if include "ud.shared" . -}}
{{ include "ud.name" . }}-shared-data
{{- else -}}
{{ include "ud.name" . }}-data
{{- end -}}
{{- end -}}

{{- define "ud.databaseSecret" -}}
{{- .Values.hosting.database.secretName | default (printf "%s-db-app" (include "ud.name" .)) -}}
{{- end -}}

{{/*
The environment of DESIGN section 2 for one component; pass (dict "root" $ "component" "web").
DATABASE_URL comes last among the platform's variables: when it is put together from the PG*
variables, Kubernetes expands $(VAR) only for variables defined before it.
*/}}
{{- define "ud.env" -}}
{{- $v := .root.Values -}}
{{- $secret := include "ud.databaseSecret" .root -}}
{{- $keys := $v.hosting.database.keys -}}
- name: PORT
  value: "8000"
- name: STATIC_ROOT
  value: /data/static
- name: MEDIA_ROOT
  value: /data/media
- name: ALLOWED_HOSTS
  {{- /* Django writes a wildcard host `*.example.com` as `.example.com`. */}}
  value: {{ include "ud.allowedHosts" .root | quote }}
- name: UNGLEICH_APP
  value: {{ include "ud.name" .root }}
- name: UNGLEICH_COMPONENT
  value: {{ .component }}
{{- range $name, $key := dict "PGHOST" $keys.host "PGPORT" $keys.port "PGDATABASE" $keys.database "PGUSER" $keys.user "PGPASSWORD" $keys.password }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
{{- end }}
- name: DATABASE_URL
{{- if $keys.url }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.url }}
{{- else }}
  value: postgres://$(PGUSER):$(PGPASSWORD)@$(PGHOST):$(PGPORT)/$(PGDATABASE)
{{- end }}
{{- range $name, $value := $v.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/*
The app's SealedSecret unseals into <name>-env. Before the first `ungleich-django secret set` there
is none, and secretsRevision is unset: then the Secret is optional. Once secrets exist, a missing
Secret (unsealing failed) must stop the pods rather than start them without their secrets.
*/}}
{{- define "ud.envFrom" -}}
- secretRef:
    name: {{ include "ud.name" . }}-env
    {{- if not .Values.secretsRevision }}
    optional: true
    {{- end }}
{{- end -}}

{{- define "ud.containerSecurity" -}}
allowPrivilegeEscalation: false
privileged: false
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Pod-level settings shared by web and async; pass (dict "root" $ "component" "web"). */}}
{{- define "ud.podSpec" -}}
{{- $v := .root.Values -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  runAsNonRoot: true
  runAsUser: {{ $v.hosting.security.runAsUser }}
  runAsGroup: {{ $v.hosting.security.runAsGroup }}
  fsGroup: {{ $v.hosting.security.fsGroup }}
  fsGroupChangePolicy: OnRootMismatch
  seccompProfile:
    type: RuntimeDefault
{{- with $v.imagePullSecret }}
imagePullSecrets:
  - name: {{ . }}
{{- end }}
{{- if not (include "ud.shared" .root) }}
{{- /* A ReadWriteOnce volume attaches to one node: every pod of the app must run there. The
first pod matches its own term, which Kubernetes lets it schedule anywhere. */}}
affinity:
  podAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            app.kubernetes.io/instance: {{ include "ud.name" .root }}
{{- end }}
volumes:
  - name: data
    persistentVolumeClaim:
      claimName: {{ include "ud.dataVolume" .root }}
{{- end -}}

{{/* volume: Recreate, as the old pods must let go of the volume; shared: roll without downtime. */}}
{{- define "ud.strategy" -}}
{{- if include "ud.shared" . -}}
type: RollingUpdate
rollingUpdate:
  maxSurge: 1
  maxUnavailable: 0
{{- else -}}
type: Recreate
{{- end }}
{{- end -}}

{{/* Called with (dict "root" $ "component" "web"|"async"). A changed secrets revision or restart
     counter changes the pod template, so the Deployment rolls its pods. */}}
{{- define "ud.podAnnotations" -}}
ungleich.ch/secrets-revision: {{ .root.Values.secretsRevision | default "" | quote }}
ungleich.ch/restart: {{ dig .component 0 (.root.Values.restarts | default dict) | toString | quote }}
{{- end -}}

{{/* With a healthcheck path: HTTP, with a Host Django allows; without: the port accepts. */}}
{{- define "ud.probe" -}}
{{- if .Values.healthcheck -}}
httpGet:
  path: {{ .Values.healthcheck }}
  port: http
  {{- with .Values.hosts }}
  httpHeaders:
    - name: Host
      value: {{ first . | trimPrefix "*." | quote }}
  {{- end }}
{{- else -}}
tcpSocket:
  port: http
{{- end }}
{{- end -}}

{{- define "ud.allowedHosts" -}}
{{- $hosts := list -}}
{{- range .Values.hosts -}}
{{- $hosts = append $hosts (regexReplaceAll "^\\*\\." . ".") -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/*
The labels of a scheduled command's Jobs and pods; pass (dict "root" $ "entry" NAME). Not the
instance label: those pods are no part of a release (src/spec/cron.rs, DESIGN section 5).
*/}}
{{- define "ud.cronLabels" -}}
app.kubernetes.io/component: cron
app.kubernetes.io/managed-by: ungleich-django
app.kubernetes.io/name: {{ include "ud.name" .root }}
ungleich.ch/app: {{ include "ud.name" .root }}
ungleich.ch/cron: {{ .entry }}
{{- end -}}

{{- /*
Fails on a schedule range that ends before it starts (`5-1`, `fri-mon`), which the CLI refuses
and values.schema.json's pattern cannot see (a regular expression cannot compare two numbers).
Pass (dict "index" I "schedule" SCHEDULE). Macros (`@daily`) have no ranges.
*/}}
{{- define "ud.cronRanges" -}}
{{- if not (hasPrefix "@" .schedule) }}
{{- $names := dict "jan" 1 "feb" 2 "mar" 3 "apr" 4 "may" 5 "jun" 6 "jul" 7 "aug" 8 "sep" 9 "oct" 10 "nov" 11 "dec" 12 "sun" 0 "mon" 1 "tue" 2 "wed" 3 "thu" 4 "fri" 5 "sat" 6 }}
{{- range $field := regexSplit " +" .schedule -1 }}
{{- range $element := splitList "," $field }}
{{- $range := first (splitList "/" $element) }}
{{- if contains "-" $range }}
{{- $ends := splitList "-" (lower $range) }}
{{- $from := index $ends 0 }}
{{- $to := index $ends 1 }}
{{- $start := ternary (get $names $from) (atoi $from) (hasKey $names $from) | int }}
{{- $end := ternary (get $names $to) (atoi $to) (hasKey $names $to) | int }}
{{- if gt $start $end }}
{{- fail (printf "cron[%d].schedule: `%s` has the range `%s`, which ends before it starts" $.index $.schedule $range) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
