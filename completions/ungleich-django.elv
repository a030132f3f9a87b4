
use builtin;
use str;

set edit:completion:arg-completer[ungleich-django] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ungleich-django'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ungleich-django'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Detect the Django project and write the container contract and the deploy config'
            cand doctor 'Check the project, the deploy repository and the cluster for production'
            cand secret 'Seal, list and remove the app''s secrets'
            cand deploy 'Deploy a new image: commit it, push it and follow the release until it is live'
            cand rollback 'Deploy the image of an earlier revision again (database migrations are not reversed)'
            cand logs 'Stream the logs of the app''s pods'
            cand status 'Show the desired and running release, the pods and their health'
            cand schema 'Print the JSON Schema of app.yaml'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ungleich-django;init'= {
            cand --app 'The app''s name: a DNS-1123 label that names everything in the cluster'
            cand --deploy-repo 'The deploy repository: a git URL, a local path (created when missing), or "." for this one'
            cand --deploy-branch 'The branch ArgoCD follows in the deploy repository'
            cand --deploy-path 'The folder inside the deploy repository that holds app.yaml, from the repository''s top (default for --deploy-repo .: deploy/ in the project''s folder)'
            cand --host 'A host name the site answers on (repeat for more)'
            cand --image 'The image to deploy first, if you already have one'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --async 'Run a worker (/async) next to the web pods'
            cand --no-async 'Run no worker'
            cand --dry-run 'Show what would be detected and written, and write nothing'
            cand --force 'Overwrite files that differ from what init would write, and an invalid link file, without asking (without it: asked at a terminal, kept under --yes); an existing Dockerfile or .dockerignore is never touched'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;doctor'= {
            cand --controller-name 'Name of the SealedSecrets controller''s Service (as for the secret commands)'
            cand --controller-namespace 'Namespace of the SealedSecrets controller'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --offline 'Skip the checks that need the cluster'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Seal values and commit them to the deploy repository'
            cand import 'Seal every variable of a dotenv file (prints only the keys)'
            cand list 'List the secrets'' names, scope and when each last changed (never their values)'
            cand unset 'Remove secrets'
            cand cert 'Show the sealing certificate, or fetch it again from the cluster'
            cand rotate 'Re-encrypt every value to the cluster''s current sealing key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ungleich-django;secret;set'= {
            cand --from-file 'Read the value of the one KEY from this file (binary-safe)'
            cand --scope 'The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal it), namespace-wide or cluster-wide; an existing file keeps its own'
            cand --cert 'Seal against this certificate (a PEM file or an https URL) instead of the cached one'
            cand --controller-name 'Name of the SealedSecrets controller''s Service'
            cand --controller-namespace 'Namespace of the SealedSecrets controller'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-push 'Commit but do not push'
            cand --accept-new-cert 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret;import'= {
            cand --scope 'The scope of a new sealed-secrets.yaml: strict (only <app>-env in its namespace can unseal it), namespace-wide or cluster-wide; an existing file keeps its own'
            cand --cert 'Seal against this certificate (a PEM file or an https URL) instead of the cached one'
            cand --controller-name 'Name of the SealedSecrets controller''s Service'
            cand --controller-namespace 'Namespace of the SealedSecrets controller'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-push 'Commit but do not push'
            cand --accept-new-cert 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret;list'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret;unset'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --ignore-missing 'Succeed even when a key is not set'
            cand --no-push 'Commit but do not push'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret;cert'= {
            cand --controller-name 'Name of the SealedSecrets controller''s Service'
            cand --controller-namespace 'Namespace of the SealedSecrets controller'
            cand --cert 'Take the certificate from this PEM file or https URL instead of the cluster, and cache it'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --refresh 'Fetch the certificate from the cluster (or --cert) and update the cached copy'
            cand --no-push 'Commit but do not push the refreshed certificate'
            cand --accept-new-cert 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret;rotate'= {
            cand --cert 'Seal against this certificate (a PEM file or an https URL) instead of the cached one'
            cand --controller-name 'Name of the SealedSecrets controller''s Service'
            cand --controller-namespace 'Namespace of the SealedSecrets controller'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-push 'Commit but do not push'
            cand --accept-new-cert 'Trust a certificate that differs from the cached one (after you checked its fingerprint)'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;secret;help'= {
            cand set 'Seal values and commit them to the deploy repository'
            cand import 'Seal every variable of a dotenv file (prints only the keys)'
            cand list 'List the secrets'' names, scope and when each last changed (never their values)'
            cand unset 'Remove secrets'
            cand cert 'Show the sealing certificate, or fetch it again from the cluster'
            cand rotate 'Re-encrypt every value to the cluster''s current sealing key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ungleich-django;secret;help;set'= {
        }
        &'ungleich-django;secret;help;import'= {
        }
        &'ungleich-django;secret;help;list'= {
        }
        &'ungleich-django;secret;help;unset'= {
        }
        &'ungleich-django;secret;help;cert'= {
        }
        &'ungleich-django;secret;help;rotate'= {
        }
        &'ungleich-django;secret;help;help'= {
        }
        &'ungleich-django;deploy'= {
            cand --image 'The full image reference to deploy'
            cand --tag 'A new tag for the image already in app.yaml'
            cand --timeout 'Give up following the release after this long (e.g. 90s, 10m, 1h)'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-wait 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;rollback'= {
            cand --timeout 'Give up following the release after this long (e.g. 90s, 10m, 1h)'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --list 'List recent deploys and exit'
            cand --no-wait 'Stop after the push and the request that ArgoCD sync it now; do not follow the release'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;logs'= {
            cand --since 'Only lines newer than this (e.g. 10s, 5m, 2h)'
            cand --tail 'The last N lines of each container (default: all, or 10 with -f)'
            cand --pod 'Only this pod'
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand -f 'Keep streaming, and pick up new pods as they start'
            cand --follow 'Keep streaming, and pick up new pods as they start'
            cand --timestamps 'Prefix each line with its RFC 3339 timestamp'
            cand -p 'The previous run of each container (after a crash)'
            cand --previous 'The previous run of each container (after a crash)'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;status'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;schema'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;completions'= {
            cand --kubeconfig 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)'
            cand --context 'The kubeconfig context to use (default: the link file''s, then the current context)'
            cand -n 'The namespace of the app (default: the link file''s)'
            cand --namespace 'The namespace of the app (default: the link file''s)'
            cand -o 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand --output 'Output format: human for people, json for scripts (one object, or one per line for streams)'
            cand -C 'Run as if started in DIR'
            cand --no-color 'Never colour the output (also: NO_COLOR set to anything)'
            cand -y 'Answer yes to every confirmation; implies --no-input'
            cand --yes 'Answer yes to every confirmation; implies --no-input'
            cand --no-input 'Never prompt: use defaults and flags, fail where an answer is missing (implied when stdin is not a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more about what happens (repeat for more)'
            cand --verbose 'Print more about what happens (repeat for more)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ungleich-django;help'= {
            cand init 'Detect the Django project and write the container contract and the deploy config'
            cand doctor 'Check the project, the deploy repository and the cluster for production'
            cand secret 'Seal, list and remove the app''s secrets'
            cand deploy 'Deploy a new image: commit it, push it and follow the release until it is live'
            cand rollback 'Deploy the image of an earlier revision again (database migrations are not reversed)'
            cand logs 'Stream the logs of the app''s pods'
            cand status 'Show the desired and running release, the pods and their health'
            cand schema 'Print the JSON Schema of app.yaml'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ungleich-django;help;init'= {
        }
        &'ungleich-django;help;doctor'= {
        }
        &'ungleich-django;help;secret'= {
            cand set 'Seal values and commit them to the deploy repository'
            cand import 'Seal every variable of a dotenv file (prints only the keys)'
            cand list 'List the secrets'' names, scope and when each last changed (never their values)'
            cand unset 'Remove secrets'
            cand cert 'Show the sealing certificate, or fetch it again from the cluster'
            cand rotate 'Re-encrypt every value to the cluster''s current sealing key'
        }
        &'ungleich-django;help;secret;set'= {
        }
        &'ungleich-django;help;secret;import'= {
        }
        &'ungleich-django;help;secret;list'= {
        }
        &'ungleich-django;help;secret;unset'= {
        }
        &'ungleich-django;help;secret;cert'= {
        }
        &'ungleich-django;help;secret;rotate'= {
        }
        &'ungleich-django;help;deploy'= {
        }
        &'ungleich-django;help;rollback'= {
        }
        &'ungleich-django;help;logs'= {
        }
        &'ungleich-django;help;status'= {
        }
        &'ungleich-django;help;schema'= {
        }
        &'ungleich-django;help;completions'= {
        }
        &'ungleich-django;help;help'= {
        }
    ]
    $completions[$command]
}
