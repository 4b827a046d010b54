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

const podOutcomeFailStage = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: berth-pod-outcome-fail
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.annotations["berth.test/outcome"]'
      operator: 'In'
      values:
      - 'fail'
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
  weight: 10000
  delay:
    durationMilliseconds: 500
  next:
    statusTemplate: |
      {{ $now := Now }}
      {{ $annotations := or .metadata.annotations dict }}
      {{ $message := or ( index $annotations "berth.test/message" ) "" }}
      {{ $exitCode := or ( index $annotations "berth.test/exit-code" ) 1 }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        reason: PodFailed
        status: "False"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        reason: PodFailed
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
            exitCode: {{ $exitCode }}
            finishedAt: {{ $now | Quote }}
            reason: Error
            message: {{ $message | Quote }}
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Failed`

const podOutcomeSucceedStage = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: berth-pod-outcome-succeed
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.annotations["berth.test/outcome"]'
      operator: 'NotIn'
      values:
      - 'fail'
    - key: '.metadata.ownerReferences'
      operator: 'DoesNotExist'
    - key: '.spec.restartPolicy'
      operator: 'In'
      values:
      - 'Never'
      - 'OnFailure'
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
  delay:
    durationMilliseconds: 500
  next:
    statusTemplate: |
      {{ $now := Now }}
      {{ $annotations := or .metadata.annotations dict }}
      {{ $message := or ( index $annotations "berth.test/message" ) "" }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        reason: PodCompleted
        status: "False"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        reason: PodCompleted
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
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            message: {{ $message | Quote }}
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Succeeded`
