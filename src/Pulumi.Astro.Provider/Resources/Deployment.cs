using Pulumi.Astro.Client;
using Pulumi.Astro.Client.Models;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// <c>astro:index:Deployment</c>: create, wait until HEALTHY (or HIBERNATING), read, update in place by a
/// full-replacement POST (§8.2), delete and wait for the 404. Properties: Deployment.Schema.cs; checks: Deployment.Validation.cs.
/// </summary>
public sealed partial class Deployment : AstroResource
{
    /// <summary>The documented default wait for create and update.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(20);

    public static readonly WaitTable Healthy = new("the Deployment",
        Pending: ["CREATING", "DEPLOYING", "UNHEALTHY", "UNKNOWN"],
        Done: ["HEALTHY", "HIBERNATING"],
        // No deployment status is final (§7.2): UNHEALTHY may recover, so it waits until the timeout.
        Failed: []);

    public override DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var diff = base.Diff(oldInputs, oldOutputs, news);
        // Development mode can be turned off in place, but not on again: that replaces. Left out, it is Astro's value.
        // Only a known "off" can be turned on again: when Astro never reported it (a lean answer), turning it on is an
        // update, which Astro refuses if the Deployment really is not in development mode.
        var was = (oldInputs.Has(IsDevelopmentMode.Name) ? oldInputs : oldOutputs)[IsDevelopmentMode.Name].Unwrapped;
        var now = news[IsDevelopmentMode.Name].Unwrapped;
        var wasOff = was.Kind == PropertyKind.Bool && !was.AsBool;
        var onAgain = wasOff && (now.IsUnknown || now.Kind == PropertyKind.Bool && now.AsBool);
        return onAgain ? diff.Replacing([IsDevelopmentMode.Name]) : diff;
    }

    protected override async Task<LiveState> CreateAsync(Operation op, PropertyMap inputs)
    {
        var request = BuildCreate(inputs);
        var created = await CreateOnce(op, $"Deployment '{request.Name}'", $"in workspace {request.WorkspaceId}",
            ct => op.Client.CreateDeploymentAsync(request, ct), ct => FindByName(op, request.WorkspaceId, request.Name, ct), d => d.Id,
            TimeoutOr(op, DefaultTimeout)).ConfigureAwait(false);
        var final = await WaitIfAsked(op, inputs, created, creating: true, null).ConfigureAwait(false);
        return LiveOf(final);
    }

    private static async Task<IReadOnlyList<Api.Deployment>> FindByName(Operation op, string workspaceId, string name, CancellationToken cancellation) =>
        await op.Client.ListAllDeploymentsAsync(new ListDeploymentsQuery { WorkspaceIds = [workspaceId], Names = [name] }, cancellation).ConfigureAwait(false);

    protected override async Task<LiveState?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs) =>
        await UnlessGone(op.Client.GetDeploymentAsync(id, op.Cancellation)).ConfigureAwait(false) is { } d ? LiveOf(d) : null;

    /// <summary>A Deployment that has not become HEALTHY since its create wait failed is reported as not ready, so the next `up` resumes the wait.</summary>
    protected override string? NotReady(LiveState live, PropertyMap oldOutputs) =>
        NeverReady(live, oldOutputs, Status, Healthy.Done) is { } status
            ? $"Deployment {live.Id} is {status}: it has not become HEALTHY since it was created; the next update waits for it"
            : null;

    protected override async Task<LiveState> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        // A full replacement: what the program leaves out is sent as Astro has it now (or, where its answer is lean,
        // as the state last saw it). Nothing is invented: a value the update must carry that is known nowhere stops it
        // before anything is sent, and queues keep their ids, so none is recreated.
        var current = await op.Client.GetDeploymentAsync(id, op.Cancellation).ConfigureAwait(false);
        var live = Rules.KeepLastKnown(LiveInputs(current), oldOutputs, Schema.Props);
        var effective = Rules.WithServerDefaults(news, live, Schema.Props);
        var queues = await QueuesToSend(op, id, effective, oldInputs, oldOutputs, current).ConfigureAwait(false);
        var updated = await op.Client.UpdateDeploymentAsync(id, BuildUpdate(id, effective, current, queues), op.Cancellation).ConfigureAwait(false);
        var final = await WaitIfAsked(op, news, updated, creating: false, oldOutputs).ConfigureAwait(false);
        return LiveOf(final);
    }

    private static Dictionary<string, string>? QueueIds(Api.Deployment d) =>
        d.WorkerQueues?.GroupBy(q => q.Name).ToDictionary(g => g.Key, g => g.First().Id);

    /// <summary>
    /// The worker queues an update sends, with the id of each queue that keeps its name: from Astro's answer, or, where
    /// it left the queues out, from the state (<c>workerQueueIds</c>). Null sends none, and Astro keeps its queues as they
    /// are. When neither knows the ids, a queue sent without one would be recreated (Astro replaces a queue it gets
    /// without an id), so: an unchanged list is not sent; a list the state never knew (imported from an answer without
    /// queues) is not sent either, with a warning; a changed one stops the update before anything is sent.
    /// </summary>
    private static async Task<List<UpdateWorkerQueueRequest>?> QueuesToSend(Operation op, string id, PropertyMap effective, PropertyMap oldInputs,
        PropertyMap oldOutputs, Api.Deployment current)
    {
        if (S(effective, Executor.Name) == Api.Executor.Kubernetes.Value) return [];
        if (!effective.Has(WorkerQueues.Name)) return null;
        var ids = QueueIds(current) ?? (oldOutputs[WorkerQueueIds.Name].Unwrapped is { Kind: PropertyKind.Object } known
            ? known.AsObject.Entries.Where(e => e.Value.Unwrapped.Kind == PropertyKind.String).ToDictionary(e => e.Key, e => e.Value.Unwrapped.AsString)
            : null);
        if (ids is null)
        {
            var old = oldInputs[WorkerQueues.Name];
            if (!old.IsNull && Rules.Same(old, effective[WorkerQueues.Name], WorkerQueues)) return null;
            if (old.IsNull && oldOutputs[WorkerQueues.Name].IsNull)
            {
                await op.Warn($"Astro did not report the worker queues of Deployment {id}, so this update leaves them as they are: sending them " +
                    "without their ids would recreate them. The program's workerQueues are recorded; a refresh shows Astro's").ConfigureAwait(false);
                return null;
            }
            throw new InputException($"workerQueues: Astro did not report the ids of the worker queues of Deployment {id}, so they cannot be " +
                "changed now without being recreated (Astro replaces a queue it gets without its id); nothing was sent. Keep workerQueues as they " +
                "were until Astro reports the queues (`pulumi refresh` shows them)");
        }
        return L(effective, WorkerQueues.Name).Select(q => new UpdateWorkerQueueRequest
        {
            Id = ids.GetValueOrDefault(S(q, "name")!),
            Name = S(q, "name")!, IsDefault = B(q, "isDefault") ?? false, MinWorkerCount = I(q, "minWorkerCount") ?? 0,
            MaxWorkerCount = I(q, "maxWorkerCount") ?? 1, WorkerConcurrency = I(q, "workerConcurrency") ?? 1,
            AstroMachine = S(q, "astroMachine") is { } m ? new AstroMachine(m) : null, NodePoolId = S(q, "nodePoolId"),
            PodEphemeralStorage = S(q, "podEphemeralStorage"),
        }).ToList();
    }

    public override async Task DeleteAsync(Operation op, string id, PropertyMap oldOutputs)
    {
        try
        {
            await op.Client.DeleteDeploymentAsync(id, op.Cancellation).ConfigureAwait(false);
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            return; // already gone: success
        }
        // Deletion is asynchronous: wait until GET answers 404.
        await op.Waiter.WaitGoneAsync($"Deployment {id}", ct => op.Client.GetDeploymentAsync(id, ct), d => d.Status.Value,
            TimeoutOr(op, DefaultTimeout), op.Progress, op.Cancellation).ConfigureAwait(false);
    }

    /// <summary>Waits for HEALTHY or HIBERNATING unless waitForHealthy is false; anything else is a partial failure with the id.</summary>
    private async Task<Api.Deployment> WaitIfAsked(Operation op, PropertyMap inputs, Api.Deployment first, bool creating, PropertyMap? oldOutputs)
    {
        var wait = inputs[WaitForHealthy.Name].Unwrapped is not { Kind: PropertyKind.Bool } w || w.AsBool;
        if (!wait) return first;
        var last = first;
        try
        {
            return await op.Waiter.WaitAsync(Healthy,
                async ct => last = await op.Client.GetDeploymentAsync(first.Id, ct).ConfigureAwait(false),
                d => d.Status.Value, d => d.StatusReason, TimeoutOr(op, DefaultTimeout), op.Progress, op.Cancellation, first).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WaitTimeoutException or WaitFailedException or OperationCanceledException or AstroException)
        {
            var reason = e is OperationCanceledException ? "the wait was cancelled" : e.Message;
            // Cancelled (Ctrl-C): answer at once; the logs are for diagnosing a Deployment that did not become healthy.
            var logs = e is OperationCanceledException ? "" : await RecentLogs(op, first.Id).ConfigureAwait(false);
            var message = $"Deployment {first.Id} was {(creating ? "created" : "updated")} but did not become HEALTHY: {reason}{logs}";
            // Keep the id and what we know, so nothing is orphaned and the next `pulumi up` retries the update.
            var outputs = Outputs(inputs, LiveOf(last), oldOutputs);
            throw new ResourceInitFailedException(first.Id, outputs, creating ? null : inputs, message);
        }
    }

    private static async Task<string> RecentLogs(Operation op, string id)
    {
        try
        {
            var logs = await op.Client.GetDeploymentLogsAsync(id, new DeploymentLogsQuery
            {
                Sources = [DeploymentLogSource.Scheduler, DeploymentLogSource.Webserver, DeploymentLogSource.Worker],
                Limit = 5,
                Range = 3600,
            }, CancellationToken.None).ConfigureAwait(false);
            return logs.Results.Count == 0 ? "" : "\nrecent log lines:\n  " + string.Join("\n  ", logs.Results.TakeLast(5).Select(l => $"[{l.Source.Value}] {l.Raw}"));
        }
        catch (AstroException)
        {
            return "";
        }
    }

    // ---- inputs → API requests ----

    private static List<DeploymentEnvironmentVariableRequest> EnvironmentRequest(PropertyMap inputs) =>
        L(inputs, EnvironmentVariables.Name).Select(v => new DeploymentEnvironmentVariableRequest
        {
            Key = S(v, "key")!,
            IsSecret = B(v, "isSecret") ?? false,
            Value = S(v, "value"),
        }).ToList();

    private static DeploymentScalingSpecRequest? ScalingRequest(PropertyMap inputs)
    {
        var spec = O(inputs, ScalingSpec.Name) is { } s ? O(s, "hibernationSpec") : null;
        if (spec is null) return null;
        var over = O(spec, "override");
        return new DeploymentScalingSpecRequest
        {
            HibernationSpec = new DeploymentHibernationSpecRequest
            {
                Override = over is null ? null : new DeploymentHibernationOverrideRequest { IsHibernating = B(over, "isHibernating"), OverrideUntil = S(over, "overrideUntil") },
                Schedules = spec.Has("schedules")
                    ? L(spec, "schedules").Select(x => new DeploymentHibernationSchedule
                    {
                        HibernateAtCron = S(x, "hibernateAtCron")!,
                        WakeAtCron = S(x, "wakeAtCron")!,
                        IsEnabled = B(x, "isEnabled") ?? true,
                        Description = S(x, "description"),
                    }).ToList()
                    : null,
            },
        };
    }

    /// <summary>
    /// An update replaces the scaling spec (§8.2), so an override the program does not write (set by a
    /// HibernationOverride resource or the UI) is re-sent as it is rather than silently removed. When Astro's answer for a
    /// Deployment in development mode says nothing about hibernation, such an override cannot be known: the update stops
    /// before anything is sent rather than remove it.
    /// </summary>
    private static DeploymentScalingSpecRequest? KeepLiveOverride(string id, DeploymentScalingSpecRequest? desired, Api.Deployment current, bool developmentMode)
    {
        // Only development-mode Deployments hibernate, and an expired override needs no keeping.
        if (!developmentMode || desired?.HibernationSpec?.Override is not null) return desired;
        // An answer that says nothing about hibernation at all (no scaling spec, no scaling status) is a lean one; a
        // development-mode Deployment with neither an override nor schedules still has its scaling status.
        if (current.ScalingSpec is null && current.ScalingStatus is null)
            throw new InputException($"scalingSpec: Astro did not report the scaling spec of Deployment {id}, so this update could remove a " +
                "hibernation override set elsewhere (a HibernationOverride resource, the Astro UI); nothing was sent. Set " +
                "scalingSpec.hibernationSpec.override in the program, or update when Astro reports the scaling spec");
        if (current.ScalingSpec?.HibernationSpec?.Override is not { IsHibernating: { } hibernating, IsActive: not false } live) return desired;
        var until = live.OverrideUntil is { } u ? Time(u) : null;
        return new DeploymentScalingSpecRequest
        {
            HibernationSpec = new DeploymentHibernationSpecRequest
            {
                Override = new DeploymentHibernationOverrideRequest { IsHibernating = hibernating, OverrideUntil = until },
                Schedules = desired?.HibernationSpec?.Schedules,
            },
        };
    }

    private static DeploymentRemoteExecutionRequest? RemoteRequest(PropertyMap inputs) => O(inputs, RemoteExecution.Name) is { } r
        ? new DeploymentRemoteExecutionRequest
        {
            Enabled = B(r, "enabled") ?? false,
            AllowedIpAddressRanges = Strings(r, "allowedIpAddressRanges"),
            TaskLogBucket = S(r, "taskLogBucket"),
            TaskLogUrlPattern = S(r, "taskLogUrlPattern"),
        }
        : null;

    private static Api.CreateDeploymentRequest BuildCreate(PropertyMap inputs)
    {
        var type = S(inputs, TypeProp.Name)!;
        var executor = new Api.Executor(S(inputs, Executor.Name) ?? "CELERY");
        var env = EnvironmentRequest(inputs);
        var queues = L(inputs, WorkerQueues.Name).ToList();
        if (type == "HYBRID")
        {
            var scheduler = O(inputs, Scheduler.Name);
            return new CreateHybridDeploymentRequest
            {
                Name = S(inputs, Name.Name)!,
                WorkspaceId = S(inputs, WorkspaceId.Name)!,
                Description = S(inputs, Description.Name),
                AstroRuntimeVersion = S(inputs, AstroRuntimeVersion.Name),
                ClusterId = S(inputs, ClusterId.Name),
                Executor = executor,
                IsCicdEnforced = B(inputs, IsCicdEnforced.Name),
                IsDagDeployEnabled = B(inputs, IsDagDeployEnabled.Name),
                EnvironmentVariables = env,
                ContactEmails = Strings(inputs, ContactEmails.Name),
                WorkloadIdentity = S(inputs, WorkloadIdentity.Name),
                DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                Scheduler = scheduler is null ? null : new CreateDeploymentInstanceSpecRequest { Au = I(scheduler, "au"), Replicas = I(scheduler, "replicas") },
                TaskPodNodePoolId = S(inputs, TaskPodNodePoolId.Name),
                WorkerQueues = inputs.Has(WorkerQueues.Name)
                    ? queues.Select(q => new HybridWorkerQueueRequest
                    {
                        Name = S(q, "name")!, IsDefault = B(q, "isDefault") ?? false, MinWorkerCount = I(q, "minWorkerCount") ?? 0,
                        MaxWorkerCount = I(q, "maxWorkerCount") ?? 1, WorkerConcurrency = I(q, "workerConcurrency") ?? 1, NodePoolId = S(q, "nodePoolId")!,
                    }).ToList()
                    : null,
            };
        }
        var hostedQueues = inputs.Has(WorkerQueues.Name)
            ? queues.Select(q => new WorkerQueueRequest
            {
                Name = S(q, "name")!, IsDefault = B(q, "isDefault") ?? false, MinWorkerCount = I(q, "minWorkerCount") ?? 0,
                MaxWorkerCount = I(q, "maxWorkerCount") ?? 1, WorkerConcurrency = I(q, "workerConcurrency") ?? 1,
                AstroMachine = new AstroMachine(S(q, "astroMachine")!), PodEphemeralStorage = S(q, "podEphemeralStorage"),
            }).ToList()
            : null;
        if (type == "STANDARD")
        {
            return new CreateStandardDeploymentRequest
            {
                Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Description = S(inputs, Description.Name),
                AstroRuntimeVersion = S(inputs, AstroRuntimeVersion.Name), Executor = executor,
                IsCicdEnforced = B(inputs, IsCicdEnforced.Name), IsDagDeployEnabled = B(inputs, IsDagDeployEnabled.Name),
                EnvironmentVariables = env, ContactEmails = Strings(inputs, ContactEmails.Name),
                WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                IsDevelopmentMode = B(inputs, IsDevelopmentMode.Name), IsHighAvailability = B(inputs, IsHighAvailability.Name),
                SchedulerSize = S(inputs, SchedulerSize.Name) is { } size ? new Api.SchedulerSize(size) : null,
                DefaultTaskPodCpu = S(inputs, DefaultTaskPodCpu.Name), DefaultTaskPodMemory = S(inputs, DefaultTaskPodMemory.Name),
                ResourceQuotaCpu = S(inputs, ResourceQuotaCpu.Name), ResourceQuotaMemory = S(inputs, ResourceQuotaMemory.Name),
                WorkerQueues = hostedQueues, ScalingSpec = ScalingRequest(inputs), RemoteExecution = RemoteRequest(inputs),
                CloudProvider = S(inputs, CloudProvider.Name) is { } cloud ? new Api.CloudProvider(cloud) : null,
                Region = S(inputs, Region.Name),
            };
        }
        return new CreateDedicatedDeploymentRequest
        {
            Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Description = S(inputs, Description.Name),
            AstroRuntimeVersion = S(inputs, AstroRuntimeVersion.Name), ClusterId = S(inputs, ClusterId.Name), Executor = executor,
            IsCicdEnforced = B(inputs, IsCicdEnforced.Name), IsDagDeployEnabled = B(inputs, IsDagDeployEnabled.Name),
            EnvironmentVariables = env, ContactEmails = Strings(inputs, ContactEmails.Name),
            WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
            IsDevelopmentMode = B(inputs, IsDevelopmentMode.Name), IsHighAvailability = B(inputs, IsHighAvailability.Name),
            SchedulerSize = S(inputs, SchedulerSize.Name) is { } size2 ? new Api.SchedulerSize(size2) : null,
            DefaultTaskPodCpu = S(inputs, DefaultTaskPodCpu.Name), DefaultTaskPodMemory = S(inputs, DefaultTaskPodMemory.Name),
            ResourceQuotaCpu = S(inputs, ResourceQuotaCpu.Name), ResourceQuotaMemory = S(inputs, ResourceQuotaMemory.Name),
            WorkerQueues = hostedQueues, ScalingSpec = ScalingRequest(inputs), RemoteExecution = RemoteRequest(inputs),
        };
    }

    /// <summary>
    /// The update body (§4.2) from the effective inputs (the program, with what it leaves out as Astro or the state has
    /// it). A field the update must carry that is known nowhere is never invented (no CELERY, SMALL or 5 AU assumed): the
    /// update stops, naming it.
    /// </summary>
    private static Api.UpdateDeploymentRequest BuildUpdate(string id, PropertyMap inputs, Api.Deployment current,
        List<UpdateWorkerQueueRequest>? queues)
    {
        var type = S(inputs, TypeProp.Name);
        if (type is null)
            throw new InputException($"type: updating Deployment {id} needs its type, which Astro did not report and the program does not set; set type in the program");
        if (!DeploymentTypeEnum.Allows(type))
            throw new InputException($"type: Deployment {id} is {type}, a type this provider does not know yet: it can be read and imported, " +
                "but not updated; upgrade the provider to change it");
        var missing = new List<string>();
        T Need<T>(T? value, string path) where T : struct
        {
            if (value is null) missing.Add(path);
            return value ?? default;
        }
        string NeedText(string? value, string path)
        {
            if (value is null) missing.Add(path);
            return value ?? "";
        }
        var executor = new Api.Executor(NeedText(S(inputs, Executor.Name), Executor.Name));
        var env = EnvironmentRequest(inputs);
        var (isCicd, isDagDeploy) = (B(inputs, IsCicdEnforced.Name) ?? current.IsCicdEnforced, B(inputs, IsDagDeployEnabled.Name) ?? current.IsDagDeployEnabled);
        Api.UpdateDeploymentRequest request;
        if (type == "HYBRID")
        {
            var scheduler = O(inputs, Scheduler.Name);
            request = new UpdateHybridDeploymentRequest
            {
                Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Executor = executor,
                IsCicdEnforced = isCicd, IsDagDeployEnabled = isDagDeploy,
                EnvironmentVariables = env, Description = S(inputs, Description.Name), ContactEmails = Strings(inputs, ContactEmails.Name),
                WorkerQueues = queues, WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                Scheduler = new UpdateDeploymentInstanceSpecRequest
                {
                    Au = Need(scheduler is null ? null : I(scheduler, "au"), $"{Scheduler.Name}.au"),
                    Replicas = (scheduler is null ? null : I(scheduler, "replicas")) ?? current.SchedulerReplicas,
                },
                TaskPodNodePoolId = S(inputs, TaskPodNodePoolId.Name),
            };
        }
        else
        {
            var size = new Api.SchedulerSize(NeedText(S(inputs, SchedulerSize.Name), SchedulerSize.Name));
            var highAvailability = Need(B(inputs, IsHighAvailability.Name), IsHighAvailability.Name);
            var developmentMode = B(inputs, IsDevelopmentMode.Name);
            var scaling = missing.Count > 0 ? null : KeepLiveOverride(id, ScalingRequest(inputs), current, developmentMode == true);
            request = type == "STANDARD"
                ? new UpdateStandardDeploymentRequest
                {
                    Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Executor = executor,
                    IsCicdEnforced = isCicd, IsDagDeployEnabled = isDagDeploy,
                    EnvironmentVariables = env, Description = S(inputs, Description.Name), ContactEmails = Strings(inputs, ContactEmails.Name),
                    WorkerQueues = queues, WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                    IsHighAvailability = highAvailability, SchedulerSize = size, IsDevelopmentMode = developmentMode,
                    DefaultTaskPodCpu = S(inputs, DefaultTaskPodCpu.Name), DefaultTaskPodMemory = S(inputs, DefaultTaskPodMemory.Name),
                    ResourceQuotaCpu = S(inputs, ResourceQuotaCpu.Name), ResourceQuotaMemory = S(inputs, ResourceQuotaMemory.Name),
                    ScalingSpec = scaling, RemoteExecution = RemoteRequest(inputs),
                }
                : new UpdateDedicatedDeploymentRequest
                {
                    Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Executor = executor,
                    IsCicdEnforced = isCicd, IsDagDeployEnabled = isDagDeploy,
                    EnvironmentVariables = env, Description = S(inputs, Description.Name), ContactEmails = Strings(inputs, ContactEmails.Name),
                    WorkerQueues = queues, WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                    IsHighAvailability = highAvailability, SchedulerSize = size, IsDevelopmentMode = developmentMode,
                    DefaultTaskPodCpu = S(inputs, DefaultTaskPodCpu.Name), DefaultTaskPodMemory = S(inputs, DefaultTaskPodMemory.Name),
                    ResourceQuotaCpu = S(inputs, ResourceQuotaCpu.Name), ResourceQuotaMemory = S(inputs, ResourceQuotaMemory.Name),
                    ScalingSpec = scaling, RemoteExecution = RemoteRequest(inputs),
                };
        }
        if (missing.Count > 0)
            throw new InputException($"{string.Join(", ", missing)}: updating Deployment {id} needs {(missing.Count == 1 ? "it" : "them")}, but Astro did not " +
                $"report {(missing.Count == 1 ? "it" : "them")} and the program does not set {(missing.Count == 1 ? "it" : "them")}; nothing was sent. " +
                "Set them in the program: Astro's update replaces the whole Deployment, so it cannot leave them out");
        return request;
    }

    // ---- API object → live state ----

    private static LiveState LiveOf(Api.Deployment d) => new(d.Id, LiveInputs(d), ComputedOf(d));

    internal static PropertyMap ComputedOf(Api.Deployment d) => Map(
        Kv(Status, Str(d.Status.Value)), Kv(StatusReason, Str(d.StatusReason)), Kv(Namespace, Str(d.Namespace)),
        Kv(OrganizationId, Str(d.OrganizationId)), Kv(WorkspaceName, Str(d.WorkspaceName)), Kv(ClusterName, Str(d.ClusterName)),
        Kv(AirflowVersion, Str(d.AirflowVersion)), Kv(ImageRepository, Str(d.ImageRepository)), Kv(ImageTag, Str(d.ImageTag)),
        Kv(ImageVersion, Str(d.ImageVersion)), Kv(UiUrl, Str(d.UiUrl)), Kv(ApiUrl, Str(d.ApiUrl)), Kv(WebServerUrl, Str(d.WebServerUrl)),
        Kv(WebServerIngressHostname, Str(d.WebServerIngressHostname)), Kv(WebServerAirflowApiUrl, Str(d.WebServerAirflowApiUrl)),
        Kv(DagTarballVersion, Str(d.DagTarballVersion)), Kv(DesiredDagTarballVersion, Str(d.DesiredDagTarballVersion)),
        Kv(SchedulerCpu, Str(d.SchedulerCpu)), Kv(SchedulerMemory, Str(d.SchedulerMemory)), Kv(SchedulerReplicas, Num(d.SchedulerReplicas)),
        Kv(ExternalIps, Strs(d.ExternalIps)), Kv(OidcIssuerUrl, Str(d.OidcIssuerUrl)), Kv(EffectiveWorkloadIdentity, Str(d.EffectiveWorkloadIdentity)),
        Kv(IsHibernating, Bool(d.ScalingStatus?.HibernationStatus?.IsHibernating ?? d.Status == DeploymentStatus.Hibernating)),
        Kv(CreatedAt, Str(Time(d.CreatedAt))), Kv(UpdatedAt, Str(Time(d.UpdatedAt))),
        Kv(WorkerQueueIds, QueueIds(d) is { } ids ? PropertyValue.From(new PropertyMap(ids.Select(e => new KeyValuePair<string, PropertyValue>(e.Key, PropertyValue.From(e.Value))))) : PropertyValue.Unknown));

    /// <summary>
    /// The inputs a program would write to get this Deployment, as Astro reports it; Unknown where Astro's answer leaves a
    /// field out (the generic rules keep the old value), and for what Astro never returns: secret variable values and the
    /// write-only workload identities. Fields that do not apply to the Deployment's type are left out; for a type this
    /// provider does not know, every type-specific field is Unknown, so nothing is dropped.
    /// </summary>
    internal static PropertyMap LiveInputs(Api.Deployment d)
    {
        var type = d.Type?.Value;
        var known = type is "STANDARD" or "DEDICATED" or "HYBRID";
        PropertyValue When(bool applies, PropertyValue value) => !known ? PropertyValue.Unknown : applies ? value : PropertyValue.Null;
        var (standard, hosted, hybrid) = (type == "STANDARD", type is "STANDARD" or "DEDICATED", type == "HYBRID");
        var executor = d.Executor?.Value;
        // Queues apply to CELERY, and to ASTRO without Remote Execution; with the executor unknown, they are too.
        var queuesApply = executor is null || executor != "KUBERNETES" && d.RemoteExecution?.Enabled != true;
        return Map(
            Kv(WorkspaceId, Str(d.WorkspaceId)), Kv(TypeProp, Str(type)), Kv(Name, Str(d.Name)), Kv(Description, Str(d.Description)),
            Kv(Executor, Str(executor)), Kv(IsCicdEnforced, Bool(d.IsCicdEnforced)), Kv(IsDagDeployEnabled, Bool(d.IsDagDeployEnabled)),
            Kv(AstroRuntimeVersion, Str(d.AstroRuntimeVersion)),
            Kv(CloudProvider, When(standard, Str(d.CloudProvider?.Value))), Kv(Region, When(standard, Str(d.Region))),
            Kv(ClusterId, When(!standard, Str(d.ClusterId))),
            Kv(IsDevelopmentMode, When(hosted, Bool(d.IsDevelopmentMode))), Kv(IsHighAvailability, When(hosted, Bool(d.IsHighAvailability))),
            Kv(SchedulerSize, When(hosted, Str(d.SchedulerSize?.Value))),
            Kv(DefaultTaskPodCpu, When(hosted, Str(d.DefaultTaskPodCpu))), Kv(DefaultTaskPodMemory, When(hosted, Str(d.DefaultTaskPodMemory))),
            Kv(ResourceQuotaCpu, When(hosted, Str(d.ResourceQuotaCpu))), Kv(ResourceQuotaMemory, When(hosted, Str(d.ResourceQuotaMemory))),
            Kv(Scheduler, When(hybrid, Obj(("au", Num(d.SchedulerAu)), ("replicas", Num(d.SchedulerReplicas))))),
            Kv(TaskPodNodePoolId, When(hybrid, Str(d.TaskPodNodePoolId))),
            Kv(WorkerQueues, !queuesApply ? PropertyValue.Null : List(d.WorkerQueues, q => Obj(
                ("name", Str(q.Name)), ("isDefault", Bool(q.IsDefault)), ("minWorkerCount", Num(q.MinWorkerCount)),
                ("maxWorkerCount", Num(q.MaxWorkerCount)), ("workerConcurrency", Num(q.WorkerConcurrency)),
                ("astroMachine", When(!hybrid, Str(q.AstroMachine))), ("nodePoolId", When(hybrid, Str(q.NodePoolId))),
                ("podEphemeralStorage", When(!hybrid, Str(q.PodEphemeralStorage)))))),
            Kv(EnvironmentVariables, List(d.EnvironmentVariables, v => Obj(
                ("key", Str(v.Key)), ("isSecret", Bool(v.IsSecret)),
                // Astro never returns a secret value: Unknown keeps the program's.
                ("value", v.IsSecret ? PropertyValue.Unknown : Str(v.Value ?? ""))))),
            Kv(ContactEmails, Strs(d.ContactEmails)),
            Kv(ScalingSpec, d.ScalingSpec is not { } spec ? PropertyValue.Unknown : spec.HibernationSpec is not { } h ? PropertyValue.Unknown : Obj(("hibernationSpec", Obj(
                ("override", h.Override is not { } o ? PropertyValue.Unknown
                    : Obj(("isHibernating", Bool(o.IsHibernating)), ("overrideUntil", o.OverrideUntil is { } until ? Str(Time(until)) : PropertyValue.Null))),
                ("schedules", List(h.Schedules, x => Obj(
                    ("hibernateAtCron", Str(x.HibernateAtCron)), ("wakeAtCron", Str(x.WakeAtCron)), ("isEnabled", Bool(x.IsEnabled)),
                    ("description", Str(x.Description))))))))),
            Kv(RemoteExecution, d.RemoteExecution is not { } re ? PropertyValue.Unknown : Obj(
                ("enabled", Bool(re.Enabled)), ("allowedIpAddressRanges", Strs(re.AllowedIpAddressRanges)),
                ("taskLogBucket", Str(re.TaskLogBucket)), ("taskLogUrlPattern", Str(re.TaskLogUrlPattern)))),
            Kv(WorkloadIdentity, PropertyValue.Unknown), Kv(DrWorkloadIdentity, PropertyValue.Unknown), Kv(WaitForHealthy, PropertyValue.Unknown));
    }
}
