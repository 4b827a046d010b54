package main

// Two stages of Berth's own, added to kwok's fast ones, so a pod that runs to completion (a
// `helm test` pod, a hook Pod) ends as it would on a real node, and a test can choose how:
//
//   - a pod annotated `berth.test/outcome: fail` fails: phase Failed, its containers terminated
//     with exit code 1 (or `berth.test/exit-code`) and the termination message
//     `berth.test/message` (what a real kubelet reads from /dev/termination-log);
//   - any other pod of its own (no owner) with restartPolicy Never or OnFailure succeeds:
//     phase Succeeded, containers terminated with exit code 0, message `berth.test/message`.
//
// Pods owned by a Job keep kwok's pod-complete stage; Deployment, StatefulSet and DaemonSet pods
// (restartPolicy Always) keep running. Both stages only add outcomes the fast stages left
// undecided (such a pod stayed Running for ever), so nothing that passed before changes.

var (
	podOutcomeFailStage    = podOutcomeStage(podFails)
	podOutcomeSucceedStage = podOutcomeStage(podSucceeds)
)

// podOutcome is what one of the two stages makes of a pod.
type podOutcome struct {
	name, selectorOp, weight  string
	selectorMore              string
	exitCodeVar, exitCode     string
	reason, terminated, phase string
}

var (
	podFails = podOutcome{
		name: "fail", selectorOp: "In", weight: "  weight: 10000\n",
		exitCodeVar: `      {{ $exitCode := or ( index $annotations "berth.test/exit-code" ) 1 }}` + "\n", exitCode: "{{ $exitCode }}",
		reason: "PodFailed", terminated: "Error", phase: "Failed",
	}
	podSucceeds = podOutcome{
		name: "succeed", selectorOp: "NotIn", exitCode: "0",
		// only a pod of its own that runs to completion
		selectorMore: `    - key: '.metadata.ownerReferences'
      operator: 'DoesNotExist'
    - key: '.spec.restartPolicy'
      operator: 'In'
      values:
      - 'Never'
      - 'OnFailure'
`,
		reason: "PodCompleted", terminated: "Completed", phase: "Succeeded",
	}
)

// podOutcomeStage is the kwok Stage that ends a running pod as `o` says (see the top of the file
// for which pods each stage takes).
func podOutcomeStage(o podOutcome) string {
	return `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: berth-pod-outcome-` + o.name + `
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.annotations["berth.test/outcome"]'
      operator: '` + o.selectorOp + `'
      values:
      - 'fail'
` + o.selectorMore + `    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
` + o.weight + `  delay:
    durationMilliseconds: 500
  next:
    statusTemplate: |
      {{ $now := Now }}
      {{ $annotations := or .metadata.annotations dict }}
      {{ $message := or ( index $annotations "berth.test/message" ) "" }}
` + o.exitCodeVar + `      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        reason: ` + o.reason + `
        status: "False"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        reason: ` + o.reason + `
        status: "False"
        type: ContainersReady
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: ` + o.exitCode + `
            finishedAt: {{ $now | Quote }}
            reason: ` + o.terminated + `
            message: {{ $message | Quote }}
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: ` + o.phase
}
