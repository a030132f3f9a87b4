
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ungleich-django' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ungleich-django'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ungleich-django' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Detect the Django project and write the container contract and the deploy config')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the project, the deploy repository and the cluster for production')
            [CompletionResult]::new('dev', 'dev', [CompletionResultType]::ParameterValue, 'Run the contract here against a throwaway PostgreSQL: /init, then /run and /async')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Seal, list and remove the app''s secrets')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Set, remove and list the app''s plain environment variables (app.yaml `env`)')
            [CompletionResult]::new('domains', 'domains', [CompletionResultType]::ParameterValue, 'Add, remove and list the app''s host names, with their certificate state')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the app''s first host in the browser (prints the URL without a display)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart the app''s pods, rolling: a restart counter in app.yaml, committed and followed')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set how many pods run: replicas in app.yaml, committed and followed')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a new image: commit it, push it and follow the release until it is live')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Deploy the image of an earlier revision again (database migrations are not reversed)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Stream the logs of the app''s pods')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the desired and running release, the pods and their health')
            [CompletionResult]::new('environments', 'environments', [CompletionResultType]::ParameterValue, 'List the app''s environments: app, namespace, desired and running image, sync, health, pods')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Promote what one environment runs (by digest) to another: commit it and follow the release')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a one-off command in the app''s live environment; its exit code is ours')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open a Django shell in the app''s live environment (`run` of `manage.py shell`)')
            [CompletionResult]::new('cron', 'cron', [CompletionResultType]::ParameterValue, 'Scheduled commands (`cron:` in app.yaml): add, remove and list them')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The app''s PostgreSQL database: dump, restore, psql, and the dumps kept here')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of app.yaml (or of the link file), for editors and CI')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the version, the commit it was built from, and the cluster''s Kubernetes version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;init' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app''s name: a DNS-1123 label that names everything in the cluster')
            [CompletionResult]::new('--deploy-repo', '--deploy-repo', [CompletionResultType]::ParameterName, 'The deploy repository: a git URL, a local path (created when missing), or "." for this one')
            [CompletionResult]::new('--deploy-branch', '--deploy-branch', [CompletionResultType]::ParameterName, 'The branch ArgoCD follows in the deploy repository (with -e NAME, a branch the server lacks is started holding only the new environment''s app.yaml, and pushed)')
            [CompletionResult]::new('--deploy-path', '--deploy-path', [CompletionResultType]::ParameterName, 'The folder inside the deploy repository that holds app.yaml, from the repository''s top (default for --deploy-repo .: deploy/ in the project''s folder)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'A host name the site answers on (repeat for more)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'The image to deploy first, if you already have one')
            [CompletionResult]::new('--manage-py', '--manage-py', [CompletionResultType]::ParameterName, 'The project''s manage.py, when the tree has several (relative to the current folder)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The server /run execs: gunicorn, uvicorn, daphne, hypercorn, granian or uwsgi (the Dockerfile init writes installs it when the dependencies lack it)')
            [CompletionResult]::new('--app-module', '--app-module', [CompletionResultType]::ParameterName, 'The application /run serves, as module:callable (e.g. shop.asgi:application)')
            [CompletionResult]::new('--worker-command', '--worker-command', [CompletionResultType]::ParameterName, 'The command /async execs, e.g. "celery -A shop.worker:application worker"')
            [CompletionResult]::new('--argocd-namespace', '--argocd-namespace', [CompletionResultType]::ParameterName, 'With -e NAME: the namespace of the new environment''s ArgoCD Application (default: the default environment''s)')
            [CompletionResult]::new('--argocd-application', '--argocd-application', [CompletionResultType]::ParameterName, 'With -e NAME: the new environment''s ArgoCD Application (default: its app''s name)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--async', '--async', [CompletionResultType]::ParameterName, 'Run a worker (/async) next to the web pods')
            [CompletionResult]::new('--no-async', '--no-async', [CompletionResultType]::ParameterName, 'Run no worker')
            [CompletionResult]::new('--no-cron', '--no-cron', [CompletionResultType]::ParameterName, 'Add none of the scheduled commands init finds in the project (django-crontab''s CRONJOBS, a crontab file); without it, a terminal is asked about each, and under --yes the management commands among them are added and listed')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be detected and written, and write nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite files that differ from what init would write, and an invalid link file, without asking (without it: asked at a terminal, kept under --yes); an existing Dockerfile or .dockerignore is never touched')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;doctor' {
            [CompletionResult]::new('--controller-name', '--controller-name', [CompletionResultType]::ParameterName, 'Name of the SealedSecrets controller''s Service (as for the secret commands)')
            [CompletionResult]::new('--controller-namespace', '--controller-namespace', [CompletionResultType]::ParameterName, 'Namespace of the SealedSecrets controller')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Skip the checks that need the cluster')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;dev' {
            [CompletionResult]::new('--keep-db', '--keep-db', [CompletionResultType]::ParameterName, 'Keep the database in DIR (created when missing, reused when it holds one) instead of a temporary folder removed at the end')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'A dotenv file with the app''s secrets, which the sealed ones cannot give here')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port /run listens on (default: 8000; with --check a free one)')
            [CompletionResult]::new('--postgres', '--postgres', [CompletionResultType]::ParameterName, 'Which PostgreSQL to run: its server programs when found, else Docker (auto); only the server programs (local); only a container (docker)')
            [CompletionResult]::new('--postgres-image', '--postgres-image', [CompletionResultType]::ParameterName, 'The image of a PostgreSQL container')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Run /init twice at once, /run until it answers HTTP (GET / and the healthcheck), /async for a few seconds, stop them, and exit: 0 when the contract works, a release failure code when not')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Seal values and commit them to the deploy repository')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Seal every variable of a dotenv file (prints only the keys)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the secrets'' names, scope and when each last changed (never their values)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove secrets')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Show the sealing certificate, or fetch it again from the cluster')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Re-encrypt every value to the cluster''s current sealing key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;secret;set' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the value of the one KEY from this file (binary-safe)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal it), namespace-wide or cluster-wide; an existing file keeps its own')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Seal against this certificate (a PEM file or an https URL) instead of the cached one')
            [CompletionResult]::new('--controller-name', '--controller-name', [CompletionResultType]::ParameterName, 'Name of the SealedSecrets controller''s Service')
            [CompletionResult]::new('--controller-namespace', '--controller-namespace', [CompletionResultType]::ParameterName, 'Namespace of the SealedSecrets controller')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Commit but do not push')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Seal an empty value without asking (otherwise asked on a terminal, refused without one)')
            [CompletionResult]::new('--accept-new-cert', '--accept-new-cert', [CompletionResultType]::ParameterName, 'Trust a certificate that differs from the cached one (after you checked its fingerprint)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret;import' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal it), namespace-wide or cluster-wide; an existing file keeps its own')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Seal against this certificate (a PEM file or an https URL) instead of the cached one')
            [CompletionResult]::new('--controller-name', '--controller-name', [CompletionResultType]::ParameterName, 'Name of the SealedSecrets controller''s Service')
            [CompletionResult]::new('--controller-namespace', '--controller-namespace', [CompletionResultType]::ParameterName, 'Namespace of the SealedSecrets controller')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Commit but do not push')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Seal an empty value without asking (otherwise asked on a terminal, refused without one)')
            [CompletionResult]::new('--accept-new-cert', '--accept-new-cert', [CompletionResultType]::ParameterName, 'Trust a certificate that differs from the cached one (after you checked its fingerprint)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret;list' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'One table of the keys of every environment the link file names, marking those one lacks')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret;unset' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Succeed even when a key is not set')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Commit but do not push')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret;cert' {
            [CompletionResult]::new('--controller-name', '--controller-name', [CompletionResultType]::ParameterName, 'Name of the SealedSecrets controller''s Service')
            [CompletionResult]::new('--controller-namespace', '--controller-namespace', [CompletionResultType]::ParameterName, 'Namespace of the SealedSecrets controller')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Take the certificate from this PEM file or https URL instead of the cluster, and cache it')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Fetch the certificate from the cluster (or --cert) and update the cached copy')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Commit but do not push the refreshed certificate')
            [CompletionResult]::new('--accept-new-cert', '--accept-new-cert', [CompletionResultType]::ParameterName, 'Trust a certificate that differs from the cached one (after you checked its fingerprint)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret;rotate' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Seal against this certificate (a PEM file or an https URL) instead of the cached one')
            [CompletionResult]::new('--controller-name', '--controller-name', [CompletionResultType]::ParameterName, 'Name of the SealedSecrets controller''s Service')
            [CompletionResult]::new('--controller-namespace', '--controller-namespace', [CompletionResultType]::ParameterName, 'Namespace of the SealedSecrets controller')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Commit but do not push')
            [CompletionResult]::new('--accept-new-cert', '--accept-new-cert', [CompletionResultType]::ParameterName, 'Trust a certificate that differs from the cached one (after you checked its fingerprint)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;secret;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Seal values and commit them to the deploy repository')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Seal every variable of a dotenv file (prints only the keys)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the secrets'' names, scope and when each last changed (never their values)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove secrets')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Show the sealing certificate, or fetch it again from the cluster')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Re-encrypt every value to the cluster''s current sealing key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;secret;help;set' {
            break
        }
        'ungleich-django;secret;help;import' {
            break
        }
        'ungleich-django;secret;help;list' {
            break
        }
        'ungleich-django;secret;help;unset' {
            break
        }
        'ungleich-django;secret;help;cert' {
            break
        }
        'ungleich-django;secret;help;rotate' {
            break
        }
        'ungleich-django;secret;help;help' {
            break
        }
        'ungleich-django;config' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set plain variables in one commit, push it and follow the release')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove plain variables in one commit, push it and follow the release')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;config;set' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--plain', '--plain', [CompletionResultType]::ParameterName, 'Store values that look secret in plain text anyway')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;config;unset' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;config;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set plain variables in one commit, push it and follow the release')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove plain variables in one commit, push it and follow the release')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;config;help;set' {
            break
        }
        'ungleich-django;config;help;unset' {
            break
        }
        'ungleich-django;config;help;help' {
            break
        }
        'ungleich-django;domains' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add host names in one commit (warns when their DNS does not point at the app), push and follow')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove host names in one commit, push and follow')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;domains;add' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;domains;remove' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;domains;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add host names in one commit (warns when their DNS does not point at the app), push and follow')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove host names in one commit, push and follow')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;domains;help;add' {
            break
        }
        'ungleich-django;domains;help;remove' {
            break
        }
        'ungleich-django;domains;help;help' {
            break
        }
        'ungleich-django;open' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;restart' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;scale' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;deploy' {
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'The full image reference to deploy')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A new tag for the image already in app.yaml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--backup', '--backup', [CompletionResultType]::ParameterName, 'Take a dump of the database before pushing, kept under the app and the revision it replaces (`ungleich-django db dumps` lists them)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;rollback' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List recent deploys and exit')
            [CompletionResult]::new('--backup', '--backup', [CompletionResultType]::ParameterName, 'Take a dump of the database before pushing, kept under the app and the revision it replaces (`ungleich-django db dumps` lists them)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;logs' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines newer than this (e.g. 10s, 5m, 2h)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'The last N lines of each container (default: all, or 10 with -f)')
            [CompletionResult]::new('--pod', '--pod', [CompletionResultType]::ParameterName, 'Only this pod')
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'The output of a one-off run (`run --detach` prints its name; `run --list` shows them)')
            [CompletionResult]::new('--cron', '--cron', [CompletionResultType]::ParameterName, 'The output of a scheduled command''s newest run (`cron list` names the entries)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep streaming, and pick up new pods as they start')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep streaming, and pick up new pods as they start')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Prefix each line with its RFC 3339 timestamp')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The previous run of each container (after a crash)')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'The previous run of each container (after a crash)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;status' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'One table of every environment the link file names instead of one app''s detail; the exit code is the worst environment''s')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;environments' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;promote' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Promote although TO lacks secret keys that FROM has')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;run' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop the command after this long (e.g. 90s, 10m, 1h); its pod''s activeDeadlineSeconds')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Whose pod template to use: web (the site) or async (the worker)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Start the command and return at once, printing its name and how to follow it')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Start the command and return at once, printing its name and how to follow it')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'Show recent runs: state, exit code, who started them and what')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Send this command''s stdin (a file or a pipe) to the command, to its end, as `kubectl run -i` does; without it the command''s stdin is empty, so that a CI job''s script fed through stdin is never taken')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Send this command''s stdin (a file or a pipe) to the command, to its end, as `kubectl run -i` does; without it the command''s stdin is empty, so that a CI job''s script fed through stdin is never taken')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;shell' {
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Whose pod template to use: web (the site) or async (the worker)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Send this command''s stdin (a file or a pipe) to the shell, to its end: `shell -i < script.py` runs the script')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Send this command''s stdin (a file or a pipe) to the shell, to its end: `shell -i < script.py` runs the script')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;cron' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a scheduled command: one commit, pushed and followed like a deploy')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the scheduled commands, each schedule in words and its next runs in your time zone')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scheduled command now, from its CronJob on the image the app runs (by digest); its output streams (on a terminal: the command gets it) and its exit code is ours')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;cron;add' {
            [CompletionResult]::new('--time-zone', '--time-zone', [CompletionResultType]::ParameterName, 'The IANA time zone of the schedule (e.g. Europe/Zurich; default: the cluster''s, UTC)')
            [CompletionResult]::new('--run-timeout', '--run-timeout', [CompletionResultType]::ParameterName, 'Stop a run after this long: a whole number of s, m or h (e.g. 30m)')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Whose pod template to use: web (the site) or async (the worker)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;cron;remove' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up following the release after this long (e.g. 90s, 10m, 1h)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Stop after the push and the request that ArgoCD sync it now; do not follow the release')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;cron;list' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;cron;run' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;cron;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a scheduled command: one commit, pushed and followed like a deploy')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the scheduled commands, each schedule in words and its next runs in your time zone')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scheduled command now, from its CronJob on the image the app runs (by digest); its output streams (on a terminal: the command gets it) and its exit code is ours')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;cron;help;add' {
            break
        }
        'ungleich-django;cron;help;remove' {
            break
        }
        'ungleich-django;cron;help;list' {
            break
        }
        'ungleich-django;cron;help;run' {
            break
        }
        'ungleich-django;cron;help;help' {
            break
        }
        'ungleich-django;db' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a dump into the database, replacing what it holds (in one transaction)')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open psql on the database, or run one statement with -c; its exit code is ours')
            [CompletionResult]::new('dumps', 'dumps', [CompletionResultType]::ParameterValue, 'List the dumps `deploy --backup` and `rollback --backup` kept on this machine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;db;dump' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The file to write (`-` for stdout); default: <app>-<UTC time>.dump here. pg_dump''s -f, as -o is the output format')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file to write (`-` for stdout); default: <app>-<UTC time>.dump here. pg_dump''s -f, as -o is the output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;db;restore' {
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The app''s name, confirming the restore without a terminal (--yes alone is not enough)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;db;shell' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Run this one SQL statement instead of an interactive psql')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'Run this one SQL statement instead of an interactive psql')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;db;dumps' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;db;help' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a dump into the database, replacing what it holds (in one transaction)')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open psql on the database, or run one statement with -c; its exit code is ours')
            [CompletionResult]::new('dumps', 'dumps', [CompletionResultType]::ParameterValue, 'List the dumps `deploy --backup` and `rollback --backup` kept on this machine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;db;help;dump' {
            break
        }
        'ungleich-django;db;help;restore' {
            break
        }
        'ungleich-django;db;help;shell' {
            break
        }
        'ungleich-django;db;help;dumps' {
            break
        }
        'ungleich-django;db;help;help' {
            break
        }
        'ungleich-django;schema' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--link-file', '--link-file', [CompletionResultType]::ParameterName, 'The schema of the link file (ungleich-django.yaml) instead of app.yaml''s')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;completions' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;version' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use (default: the link file''s, then the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of the app (default: the link file''s)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human for people, json for scripts (one object, or one per line for streams)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if started in DIR')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (also: NO_COLOR set to anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation; implies --no-input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more about what happens (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ungleich-django;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Detect the Django project and write the container contract and the deploy config')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the project, the deploy repository and the cluster for production')
            [CompletionResult]::new('dev', 'dev', [CompletionResultType]::ParameterValue, 'Run the contract here against a throwaway PostgreSQL: /init, then /run and /async')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Seal, list and remove the app''s secrets')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Set, remove and list the app''s plain environment variables (app.yaml `env`)')
            [CompletionResult]::new('domains', 'domains', [CompletionResultType]::ParameterValue, 'Add, remove and list the app''s host names, with their certificate state')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the app''s first host in the browser (prints the URL without a display)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart the app''s pods, rolling: a restart counter in app.yaml, committed and followed')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set how many pods run: replicas in app.yaml, committed and followed')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a new image: commit it, push it and follow the release until it is live')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Deploy the image of an earlier revision again (database migrations are not reversed)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Stream the logs of the app''s pods')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the desired and running release, the pods and their health')
            [CompletionResult]::new('environments', 'environments', [CompletionResultType]::ParameterValue, 'List the app''s environments: app, namespace, desired and running image, sync, health, pods')
            [CompletionResult]::new('promote', 'promote', [CompletionResultType]::ParameterValue, 'Promote what one environment runs (by digest) to another: commit it and follow the release')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a one-off command in the app''s live environment; its exit code is ours')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open a Django shell in the app''s live environment (`run` of `manage.py shell`)')
            [CompletionResult]::new('cron', 'cron', [CompletionResultType]::ParameterValue, 'Scheduled commands (`cron:` in app.yaml): add, remove and list them')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The app''s PostgreSQL database: dump, restore, psql, and the dumps kept here')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of app.yaml (or of the link file), for editors and CI')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the version, the commit it was built from, and the cluster''s Kubernetes version')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ungleich-django;help;init' {
            break
        }
        'ungleich-django;help;doctor' {
            break
        }
        'ungleich-django;help;dev' {
            break
        }
        'ungleich-django;help;secret' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Seal values and commit them to the deploy repository')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Seal every variable of a dotenv file (prints only the keys)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the secrets'' names, scope and when each last changed (never their values)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove secrets')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Show the sealing certificate, or fetch it again from the cluster')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Re-encrypt every value to the cluster''s current sealing key')
            break
        }
        'ungleich-django;help;secret;set' {
            break
        }
        'ungleich-django;help;secret;import' {
            break
        }
        'ungleich-django;help;secret;list' {
            break
        }
        'ungleich-django;help;secret;unset' {
            break
        }
        'ungleich-django;help;secret;cert' {
            break
        }
        'ungleich-django;help;secret;rotate' {
            break
        }
        'ungleich-django;help;config' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set plain variables in one commit, push it and follow the release')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove plain variables in one commit, push it and follow the release')
            break
        }
        'ungleich-django;help;config;set' {
            break
        }
        'ungleich-django;help;config;unset' {
            break
        }
        'ungleich-django;help;domains' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add host names in one commit (warns when their DNS does not point at the app), push and follow')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove host names in one commit, push and follow')
            break
        }
        'ungleich-django;help;domains;add' {
            break
        }
        'ungleich-django;help;domains;remove' {
            break
        }
        'ungleich-django;help;open' {
            break
        }
        'ungleich-django;help;restart' {
            break
        }
        'ungleich-django;help;scale' {
            break
        }
        'ungleich-django;help;deploy' {
            break
        }
        'ungleich-django;help;rollback' {
            break
        }
        'ungleich-django;help;logs' {
            break
        }
        'ungleich-django;help;status' {
            break
        }
        'ungleich-django;help;environments' {
            break
        }
        'ungleich-django;help;promote' {
            break
        }
        'ungleich-django;help;run' {
            break
        }
        'ungleich-django;help;shell' {
            break
        }
        'ungleich-django;help;cron' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a scheduled command: one commit, pushed and followed like a deploy')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the scheduled commands, each schedule in words and its next runs in your time zone')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a scheduled command now, from its CronJob on the image the app runs (by digest); its output streams (on a terminal: the command gets it) and its exit code is ours')
            break
        }
        'ungleich-django;help;cron;add' {
            break
        }
        'ungleich-django;help;cron;remove' {
            break
        }
        'ungleich-django;help;cron;list' {
            break
        }
        'ungleich-django;help;cron;run' {
            break
        }
        'ungleich-django;help;db' {
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore a dump into the database, replacing what it holds (in one transaction)')
            [CompletionResult]::new('shell', 'shell', [CompletionResultType]::ParameterValue, 'Open psql on the database, or run one statement with -c; its exit code is ours')
            [CompletionResult]::new('dumps', 'dumps', [CompletionResultType]::ParameterValue, 'List the dumps `deploy --backup` and `rollback --backup` kept on this machine')
            break
        }
        'ungleich-django;help;db;dump' {
            break
        }
        'ungleich-django;help;db;restore' {
            break
        }
        'ungleich-django;help;db;shell' {
            break
        }
        'ungleich-django;help;db;dumps' {
            break
        }
        'ungleich-django;help;schema' {
            break
        }
        'ungleich-django;help;completions' {
            break
        }
        'ungleich-django;help;version' {
            break
        }
        'ungleich-django;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
