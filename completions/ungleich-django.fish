# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ungleich_django_global_optspecs
    string join \n kubeconfig= context= n/namespace= e/env= o/output= no-color y/yes no-input q/quiet v/verbose C= h/help V/version
end

function __fish_ungleich_django_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ungleich_django_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ungleich_django_using_subcommand
    set -l cmd (__fish_ungleich_django_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "init" -d 'Detect the Django project and write the container contract and the deploy config'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "doctor" -d 'Check the project, the deploy repository and the cluster for production'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "dev" -d 'Run the contract here against a throwaway PostgreSQL: /init, then /run and /async'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "secret" -d 'Seal, list and remove the app\'s secrets'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "config" -d 'Set, remove and list the app\'s plain environment variables (app.yaml `env`)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "domains" -d 'Add, remove and list the app\'s host names, with their certificate state'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "open" -d 'Open the app\'s first host in the browser (prints the URL without a display)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "restart" -d 'Restart the app\'s pods, rolling: a restart counter in app.yaml, committed and followed'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "scale" -d 'Set how many pods run: replicas in app.yaml, committed and followed'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "deploy" -d 'Deploy a new image: commit it, push it and follow the release until it is live'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "rollback" -d 'Deploy the image of an earlier revision again (database migrations are not reversed)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "logs" -d 'Stream the logs of the app\'s pods'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "status" -d 'Show the desired and running release, the pods and their health'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "environments" -d 'List the app\'s environments: app, namespace, desired and running image, sync, health, pods'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "promote" -d 'Promote what one environment runs (by digest) to another: commit it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "run" -d 'Run a one-off command in the app\'s live environment; its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "shell" -d 'Open a Django shell in the app\'s live environment (`run` of `manage.py shell`)'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "cron" -d 'Scheduled commands (`cron:` in app.yaml): add, remove and list them'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "db" -d 'The app\'s PostgreSQL database: dump, restore, psql, and the dumps kept here'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "schema" -d 'Print the JSON Schema of app.yaml'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c ungleich-django -n "__fish_ungleich_django_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l app -d 'The app\'s name: a DNS-1123 label that names everything in the cluster' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l deploy-repo -d 'The deploy repository: a git URL, a local path (created when missing), or "." for this one' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l deploy-branch -d 'The branch ArgoCD follows in the deploy repository' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l deploy-path -d 'The folder inside the deploy repository that holds app.yaml, from the repository\'s top (default for --deploy-repo .: deploy/ in the project\'s folder)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l host -d 'A host name the site answers on (repeat for more)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l image -d 'The image to deploy first, if you already have one' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l manage-py -d 'The project\'s manage.py, when the tree has several (relative to the current folder)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l server -d 'The server /run execs: gunicorn, uvicorn, daphne, hypercorn, granian or uwsgi (the Dockerfile init writes installs it when the dependencies lack it)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l app-module -d 'The application /run serves, as module:callable (e.g. shop.asgi:application)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l worker-command -d 'The command /async execs, e.g. "celery -A shop.worker:application worker"' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l async -d 'Run a worker (/async) next to the web pods'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l no-async -d 'Run no worker'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l dry-run -d 'Show what would be detected and written, and write nothing'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l force -d 'Overwrite files that differ from what init would write, and an invalid link file, without asking (without it: asked at a terminal, kept under --yes); an existing Dockerfile or .dockerignore is never touched'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand init" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l controller-name -d 'Name of the SealedSecrets controller\'s Service (as for the secret commands)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l controller-namespace -d 'Namespace of the SealedSecrets controller' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l offline -d 'Skip the checks that need the cluster'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l keep-db -d 'Keep the database in DIR (created when missing, reused when it holds one) instead of a temporary folder removed at the end' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l env-file -d 'A dotenv file with the app\'s secrets, which the sealed ones cannot give here' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l port -d 'The port /run listens on (default: 8000; with --check a free one)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l check -d 'Run /init twice at once, /run until it answers HTTP (GET / and the healthcheck), /async for a few seconds, stop them, and exit: 0 when the contract works, a release failure code when not'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand dev" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "set" -d 'Seal values and commit them to the deploy repository'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "import" -d 'Seal every variable of a dotenv file (prints only the keys)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "list" -d 'List the secrets\' names, scope and when each last changed (never their values)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "unset" -d 'Remove secrets'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "cert" -d 'Show the sealing certificate, or fetch it again from the cluster'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "rotate" -d 'Re-encrypt every value to the cluster\'s current sealing key'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and not __fish_seen_subcommand_from set import list unset cert rotate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l from-file -d 'Read the value of the one KEY from this file (binary-safe)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l scope -d 'The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal it), namespace-wide or cluster-wide; an existing file keeps its own' -r -f -a "strict\t''
namespace-wide\t''
cluster-wide\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l cert -d 'Seal against this certificate (a PEM file or an https URL) instead of the cached one' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l controller-name -d 'Name of the SealedSecrets controller\'s Service' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l controller-namespace -d 'Namespace of the SealedSecrets controller' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l no-push -d 'Commit but do not push'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l allow-empty -d 'Seal an empty value without asking (otherwise asked on a terminal, refused without one)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l accept-new-cert -d 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l scope -d 'The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal it), namespace-wide or cluster-wide; an existing file keeps its own' -r -f -a "strict\t''
namespace-wide\t''
cluster-wide\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l cert -d 'Seal against this certificate (a PEM file or an https URL) instead of the cached one' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l controller-name -d 'Name of the SealedSecrets controller\'s Service' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l controller-namespace -d 'Namespace of the SealedSecrets controller' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l no-push -d 'Commit but do not push'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l allow-empty -d 'Seal an empty value without asking (otherwise asked on a terminal, refused without one)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l accept-new-cert -d 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -l all-envs -d 'One table of the keys of every environment the link file names, marking those one lacks'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -l ignore-missing -d 'Succeed even when a key is not set'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -l no-push -d 'Commit but do not push'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l controller-name -d 'Name of the SealedSecrets controller\'s Service' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l controller-namespace -d 'Namespace of the SealedSecrets controller' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l cert -d 'Take the certificate from this PEM file or https URL instead of the cluster, and cache it' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l refresh -d 'Fetch the certificate from the cluster (or --cert) and update the cached copy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l no-push -d 'Commit but do not push the refreshed certificate'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l accept-new-cert -d 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from cert" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l cert -d 'Seal against this certificate (a PEM file or an https URL) instead of the cached one' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l controller-name -d 'Name of the SealedSecrets controller\'s Service' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l controller-namespace -d 'Namespace of the SealedSecrets controller' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l no-push -d 'Commit but do not push'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l accept-new-cert -d 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "set" -d 'Seal values and commit them to the deploy repository'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "import" -d 'Seal every variable of a dotenv file (prints only the keys)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the secrets\' names, scope and when each last changed (never their values)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove secrets'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "cert" -d 'Show the sealing certificate, or fetch it again from the cluster'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Re-encrypt every value to the cluster\'s current sealing key'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -f -a "set" -d 'Set plain variables in one commit, push it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -f -a "unset" -d 'Remove plain variables in one commit, push it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and not __fish_seen_subcommand_from set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l plain -d 'Store values that look secret in plain text anyway'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set plain variables in one commit, push it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove plain variables in one commit, push it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -f -a "add" -d 'Add host names in one commit (warns when their DNS does not point at the app), push and follow'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -f -a "remove" -d 'Remove host names in one commit, push and follow'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and not __fish_seen_subcommand_from add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add host names in one commit (warns when their DNS does not point at the app), push and follow'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove host names in one commit, push and follow'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand open" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand restart" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand scale" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l image -d 'The full image reference to deploy' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l tag -d 'A new tag for the image already in app.yaml' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l backup -d 'Take a dump of the database before pushing, kept under the app and the revision it replaces (`ungleich-django db dumps` lists them)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand deploy" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l list -d 'List recent deploys and exit'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l backup -d 'Take a dump of the database before pushing, kept under the app and the revision it replaces (`ungleich-django db dumps` lists them)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand rollback" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l since -d 'Only lines newer than this (e.g. 10s, 5m, 2h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l tail -d 'The last N lines of each container (default: all, or 10 with -f)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l pod -d 'Only this pod' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l run -d 'The output of a one-off run (`run --detach` prints its name; `run --list` shows them)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l cron -d 'The output of a scheduled command\'s newest run (`cron list` names the entries)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s f -l follow -d 'Keep streaming, and pick up new pods as they start'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l timestamps -d 'Prefix each line with its RFC 3339 timestamp'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s p -l previous -d 'The previous run of each container (after a crash)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand logs" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -l all-envs -d 'One table of every environment the link file names instead of one app\'s detail'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand status" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand environments" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l force -d 'Promote although TO lacks secret keys that FROM has'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand promote" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l timeout -d 'Stop the command after this long (e.g. 90s, 10m, 1h); its pod\'s activeDeadlineSeconds' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l component -d 'Whose pod template to use: web (the site) or async (the worker)' -r -f -a "web\t''
async\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s d -l detach -d 'Start the command and return at once, printing its name and how to follow it'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l list -d 'Show recent runs: state, exit code, who started them and what'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand run" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -l component -d 'Whose pod template to use: web (the site) or async (the worker)' -r -f -a "web\t''
async\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand shell" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -f -a "add" -d 'Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -f -a "remove" -d 'Remove a scheduled command: one commit, pushed and followed like a deploy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -f -a "list" -d 'List the scheduled commands, each schedule in words and its next runs in your time zone'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -f -a "run" -d 'Run a scheduled command now, from its CronJob; its output streams and its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and not __fish_seen_subcommand_from add remove list run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l time-zone -d 'The IANA time zone of the schedule (e.g. Europe/Zurich; default: the cluster\'s, UTC)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l run-timeout -d 'Stop a run after this long: a whole number of s, m or h (e.g. 30m)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l component -d 'Whose pod template to use: web (the site) or async (the worker)' -r -f -a "web\t''
async\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -l timeout -d 'Give up following the release after this long (e.g. 90s, 10m, 1h)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -l no-wait -d 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a scheduled command: one commit, pushed and followed like a deploy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the scheduled commands, each schedule in words and its next runs in your time zone'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a scheduled command now, from its CronJob; its output streams and its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand cron; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -f -a "dump" -d 'Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -f -a "restore" -d 'Restore a dump into the database, replacing what it holds (in one transaction)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -f -a "shell" -d 'Open psql on the database, or run one statement with -c; its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -f -a "dumps" -d 'List the dumps `deploy --backup` and `rollback --backup` kept on this machine'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and not __fish_seen_subcommand_from dump restore shell dumps help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s f -l file -d 'The file to write (`-` for stdout); default: <app>-<UTC time>.dump here. pg_dump\'s -f, as -o is the output format' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dump" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -l confirm -d 'The app\'s name, confirming the restore without a terminal (--yes alone is not enough)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s c -l command -d 'Run this one SQL statement instead of an interactive psql' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from shell" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from dumps" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "dump" -d 'Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Restore a dump into the database, replacing what it holds (in one transaction)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "shell" -d 'Open psql on the database, or run one statement with -c; its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "dumps" -d 'List the dumps `deploy --backup` and `rollback --backup` kept on this machine'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand schema" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -l context -d 'The kubeconfig context to use (default: the link file\'s, then the current context)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s n -l namespace -d 'The namespace of the app (default: the link file\'s)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s e -l env -d 'The environment of the app to act on, one the link file names under `environments:` (default: the one its top-level fields describe)' -r
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s o -l output -d 'Output format: human for people, json for scripts (one object, or one per line for streams)' -r -f -a "human\t''
json\t''"
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s C -d 'Run as if started in DIR' -r -F
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -l no-color -d 'Never colour the output (also: NO_COLOR set to anything)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s y -l yes -d 'Answer yes to every confirmation; implies --no-input'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -l no-input -d 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s v -l verbose -d 'Print more about what happens (repeat for more)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "init" -d 'Detect the Django project and write the container contract and the deploy config'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "doctor" -d 'Check the project, the deploy repository and the cluster for production'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "dev" -d 'Run the contract here against a throwaway PostgreSQL: /init, then /run and /async'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "secret" -d 'Seal, list and remove the app\'s secrets'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "config" -d 'Set, remove and list the app\'s plain environment variables (app.yaml `env`)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "domains" -d 'Add, remove and list the app\'s host names, with their certificate state'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "open" -d 'Open the app\'s first host in the browser (prints the URL without a display)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "restart" -d 'Restart the app\'s pods, rolling: a restart counter in app.yaml, committed and followed'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "scale" -d 'Set how many pods run: replicas in app.yaml, committed and followed'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "deploy" -d 'Deploy a new image: commit it, push it and follow the release until it is live'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "rollback" -d 'Deploy the image of an earlier revision again (database migrations are not reversed)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "logs" -d 'Stream the logs of the app\'s pods'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "status" -d 'Show the desired and running release, the pods and their health'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "environments" -d 'List the app\'s environments: app, namespace, desired and running image, sync, health, pods'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "promote" -d 'Promote what one environment runs (by digest) to another: commit it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "run" -d 'Run a one-off command in the app\'s live environment; its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "shell" -d 'Open a Django shell in the app\'s live environment (`run` of `manage.py shell`)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "cron" -d 'Scheduled commands (`cron:` in app.yaml): add, remove and list them'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "db" -d 'The app\'s PostgreSQL database: dump, restore, psql, and the dumps kept here'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "schema" -d 'Print the JSON Schema of app.yaml'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and not __fish_seen_subcommand_from init doctor dev secret config domains open restart scale deploy rollback logs status environments promote run shell cron db schema completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "set" -d 'Seal values and commit them to the deploy repository'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "import" -d 'Seal every variable of a dotenv file (prints only the keys)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "list" -d 'List the secrets\' names, scope and when each last changed (never their values)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "unset" -d 'Remove secrets'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "cert" -d 'Show the sealing certificate, or fetch it again from the cluster'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rotate" -d 'Re-encrypt every value to the cluster\'s current sealing key'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set plain variables in one commit, push it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove plain variables in one commit, push it and follow the release'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "add" -d 'Add host names in one commit (warns when their DNS does not point at the app), push and follow'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "remove" -d 'Remove host names in one commit, push and follow'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "add" -d 'Add a scheduled command: one commit of app.yaml, pushed and followed like a deploy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "remove" -d 'Remove a scheduled command: one commit, pushed and followed like a deploy'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "list" -d 'List the scheduled commands, each schedule in words and its next runs in your time zone'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from cron" -f -a "run" -d 'Run a scheduled command now, from its CronJob; its output streams and its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "dump" -d 'Dump the database (pg_dump --format=custom) to a local file, streamed and written atomically'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "restore" -d 'Restore a dump into the database, replacing what it holds (in one transaction)'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "shell" -d 'Open psql on the database, or run one statement with -c; its exit code is ours'
complete -c ungleich-django -n "__fish_ungleich_django_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "dumps" -d 'List the dumps `deploy --backup` and `rollback --backup` kept on this machine'
