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
        // The runtime is create-only: naming the version the Deployment already runs (e.g. after an import) is no change.
        if (diff.Changed.Contains(AstroRuntimeVersion.Name) && Rules.Same(oldOutputs[AstroRuntimeVersion.Name], news[AstroRuntimeVersion.Name], AstroRuntimeVersion))
            diff = diff.Without(AstroRuntimeVersion.Name);
        // Development mode can be turned off in place, but not on again (§8): that replaces.
        var was = oldInputs[IsDevelopmentMode.Name].Unwrapped;
        var now = news[IsDevelopmentMode.Name].Unwrapped;
        var onAgain = now.IsUnknown || now.Kind == PropertyKind.Bool && now.AsBool && !(was.Kind == PropertyKind.Bool && was.AsBool);
        return onAgain ? diff.Replacing([IsDevelopmentMode.Name]) : diff;
    }

    public override async Task<(string Id, PropertyMap Outputs)> CreateAsync(Operation op, PropertyMap inputs)
    {
        var request = BuildCreate(inputs);
        var created = await CreateOnce(op, $"Deployment '{request.Name}'", $"in workspace {request.WorkspaceId}",
            () => op.Client.CreateDeploymentAsync(request, op.Cancellation), () => FindByName(op, request.WorkspaceId, request.Name), d => d.Id).ConfigureAwait(false);
        var final = await WaitIfAsked(op, inputs, created, creating: true).ConfigureAwait(false);
        return (final.Id, Outputs(inputs, Computed(final)));
    }

    private static async Task<Api.Deployment?> FindByName(Operation op, string workspaceId, string name)
    {
        var found = await op.Client.ListAllDeploymentsAsync(new ListDeploymentsQuery { WorkspaceIds = [workspaceId], Names = [name] }, op.Cancellation).ConfigureAwait(false);
        return found.OrderByDescending(d => d.CreatedAt).FirstOrDefault();
    }

    public override async Task<ReadResult?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs)
    {
        if (await UnlessGone(op.Client.GetDeploymentAsync(id, op.Cancellation)).ConfigureAwait(false) is not { } d) return null;
        var inputs = InputsFrom(d, oldInputs);
        return new ReadResult(d.Id, Outputs(inputs, Computed(d)), inputs);
    }

    public override async Task<PropertyMap> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        // Queue ids come from the live object, so a queue that keeps its name is updated, not recreated (§8.2).
        var current = await op.Client.GetDeploymentAsync(id, op.Cancellation).ConfigureAwait(false);
        var updated = await op.Client.UpdateDeploymentAsync(id, BuildUpdate(news, current), op.Cancellation).ConfigureAwait(false);
        var final = await WaitIfAsked(op, news, updated, creating: false).ConfigureAwait(false);
        return Outputs(news, Computed(final));
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
    private async Task<Api.Deployment> WaitIfAsked(Operation op, PropertyMap inputs, Api.Deployment first, bool creating)
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
            var outputs = Outputs(inputs, Computed(last));
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
    /// HibernationOverride resource or the UI) is re-sent as it is rather than silently removed.
    /// </summary>
    private static DeploymentScalingSpecRequest? KeepLiveOverride(DeploymentScalingSpecRequest? desired, Api.Deployment current, bool developmentMode)
    {
        // Only development-mode Deployments hibernate, and an expired override needs no keeping.
        if (!developmentMode || desired?.HibernationSpec?.Override is not null
            || current.ScalingSpec?.HibernationSpec?.Override is not { IsHibernating: { } hibernating, IsActive: not false } live)
            return desired;
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

    private static Api.UpdateDeploymentRequest BuildUpdate(PropertyMap inputs, Api.Deployment current)
    {
        var type = S(inputs, TypeProp.Name)!;
        var executor = new Api.Executor(S(inputs, Executor.Name) ?? "CELERY");
        var ids = (current.WorkerQueues ?? []).ToDictionary(q => q.Name, q => q.Id);
        // Left out of the program, the queues Astro has stay as they are (re-sent with their ids).
        var queues = inputs.Has(WorkerQueues.Name)
            ? L(inputs, WorkerQueues.Name).Select(q => new UpdateWorkerQueueRequest
            {
                Id = ids.GetValueOrDefault(S(q, "name")!),
                Name = S(q, "name")!, IsDefault = B(q, "isDefault") ?? false, MinWorkerCount = I(q, "minWorkerCount") ?? 0,
                MaxWorkerCount = I(q, "maxWorkerCount") ?? 1, WorkerConcurrency = I(q, "workerConcurrency") ?? 1,
                AstroMachine = S(q, "astroMachine") is { } m ? new AstroMachine(m) : null, NodePoolId = S(q, "nodePoolId"),
                PodEphemeralStorage = S(q, "podEphemeralStorage"),
            }).ToList()
            : (current.WorkerQueues ?? []).Select(q => new UpdateWorkerQueueRequest
            {
                Id = q.Id, Name = q.Name, IsDefault = q.IsDefault, MinWorkerCount = q.MinWorkerCount, MaxWorkerCount = q.MaxWorkerCount,
                WorkerConcurrency = q.WorkerConcurrency, AstroMachine = q.AstroMachine is { } m2 ? new AstroMachine(m2) : null,
                NodePoolId = q.NodePoolId, PodEphemeralStorage = q.PodEphemeralStorage,
            }).ToList();
        if (executor == Api.Executor.Kubernetes) queues = [];
        var env = EnvironmentRequest(inputs);
        if (type == "HYBRID")
        {
            var scheduler = O(inputs, Scheduler.Name);
            return new UpdateHybridDeploymentRequest
            {
                Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Executor = executor,
                IsCicdEnforced = B(inputs, IsCicdEnforced.Name) ?? false, IsDagDeployEnabled = B(inputs, IsDagDeployEnabled.Name) ?? true,
                EnvironmentVariables = env, Description = S(inputs, Description.Name), ContactEmails = Strings(inputs, ContactEmails.Name),
                WorkerQueues = queues, WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                Scheduler = new UpdateDeploymentInstanceSpecRequest { Au = scheduler is null ? 5 : I(scheduler, "au") ?? 5, Replicas = scheduler is null ? 1 : I(scheduler, "replicas") ?? 1 },
                TaskPodNodePoolId = S(inputs, TaskPodNodePoolId.Name),
            };
        }
        var size = new Api.SchedulerSize(S(inputs, SchedulerSize.Name) ?? "SMALL");
        var scaling = KeepLiveOverride(ScalingRequest(inputs), current, B(inputs, IsDevelopmentMode.Name) == true);
        if (type == "STANDARD")
        {
            return new UpdateStandardDeploymentRequest
            {
                Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Executor = executor,
                IsCicdEnforced = B(inputs, IsCicdEnforced.Name) ?? false, IsDagDeployEnabled = B(inputs, IsDagDeployEnabled.Name) ?? true,
                EnvironmentVariables = env, Description = S(inputs, Description.Name), ContactEmails = Strings(inputs, ContactEmails.Name),
                WorkerQueues = queues, WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
                IsHighAvailability = B(inputs, IsHighAvailability.Name) ?? false, SchedulerSize = size, IsDevelopmentMode = B(inputs, IsDevelopmentMode.Name),
                DefaultTaskPodCpu = S(inputs, DefaultTaskPodCpu.Name), DefaultTaskPodMemory = S(inputs, DefaultTaskPodMemory.Name),
                ResourceQuotaCpu = S(inputs, ResourceQuotaCpu.Name), ResourceQuotaMemory = S(inputs, ResourceQuotaMemory.Name),
                ScalingSpec = scaling, RemoteExecution = RemoteRequest(inputs),
            };
        }
        return new UpdateDedicatedDeploymentRequest
        {
            Name = S(inputs, Name.Name)!, WorkspaceId = S(inputs, WorkspaceId.Name)!, Executor = executor,
            IsCicdEnforced = B(inputs, IsCicdEnforced.Name) ?? false, IsDagDeployEnabled = B(inputs, IsDagDeployEnabled.Name) ?? true,
            EnvironmentVariables = env, Description = S(inputs, Description.Name), ContactEmails = Strings(inputs, ContactEmails.Name),
            WorkerQueues = queues, WorkloadIdentity = S(inputs, WorkloadIdentity.Name), DrWorkloadIdentity = S(inputs, DrWorkloadIdentity.Name),
            IsHighAvailability = B(inputs, IsHighAvailability.Name) ?? false, SchedulerSize = size, IsDevelopmentMode = B(inputs, IsDevelopmentMode.Name),
            DefaultTaskPodCpu = S(inputs, DefaultTaskPodCpu.Name), DefaultTaskPodMemory = S(inputs, DefaultTaskPodMemory.Name),
            ResourceQuotaCpu = S(inputs, ResourceQuotaCpu.Name), ResourceQuotaMemory = S(inputs, ResourceQuotaMemory.Name),
            ScalingSpec = scaling, RemoteExecution = RemoteRequest(inputs),
        };
    }

    // ---- API object → outputs and inputs ----

    private static IEnumerable<KeyValuePair<string, PropertyValue>> Computed(Api.Deployment d) =>
    [
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
        Kv(AstroRuntimeVersion, Str(d.AstroRuntimeVersion)),
    ];

    /// <summary>
    /// The inputs a program would have to write to get this Deployment, shaped as Check returns them, so an import or
    /// refresh shows no diff. Secret values are never returned by Astro: they come from the old inputs when known.
    /// </summary>
    private static PropertyMap InputsFrom(Api.Deployment d, PropertyMap? oldInputs)
    {
        var type = d.Type?.Value ?? "STANDARD";
        var hosted = type != "HYBRID";
        var oldEnv = oldInputs is null ? [] : L(oldInputs, EnvironmentVariables.Name).Where(v => S(v, "key") is not null).ToDictionary(v => S(v, "key")!, v => v["value"]);
        var entries = new List<KeyValuePair<string, PropertyValue>>
        {
            Kv(WorkspaceId, Str(d.WorkspaceId)), Kv(TypeProp, Str(type)), Kv(Name, Str(d.Name)),
            Kv(Executor, Str(d.Executor?.Value ?? "CELERY")),
            Kv(IsCicdEnforced, Bool(d.IsCicdEnforced)), Kv(IsDagDeployEnabled, Bool(d.IsDagDeployEnabled)),
        };
        void Add(Prop p, PropertyValue v)
        {
            if (!v.IsNull) entries.Add(Kv(p, v));
        }
        Add(Description, Str(string.IsNullOrEmpty(d.Description) ? null : d.Description));
        if (type == "STANDARD")
        {
            Add(CloudProvider, Str(d.CloudProvider?.Value));
            Add(Region, Str(d.Region));
        }
        else Add(ClusterId, Str(d.ClusterId));
        // The runtime is kept only when the program had it: left out, Astro picked the latest, which is not a change.
        if (oldInputs is not null && oldInputs.Has(AstroRuntimeVersion.Name)) Add(AstroRuntimeVersion, Str(d.AstroRuntimeVersion));
        if (hosted)
        {
            Add(IsDevelopmentMode, Bool(d.IsDevelopmentMode ?? false));
            Add(IsHighAvailability, Bool(d.IsHighAvailability ?? false));
            Add(SchedulerSize, Str(d.SchedulerSize?.Value ?? "SMALL"));
            Add(DefaultTaskPodCpu, Str(d.DefaultTaskPodCpu));
            Add(DefaultTaskPodMemory, Str(d.DefaultTaskPodMemory));
            Add(ResourceQuotaCpu, Str(d.ResourceQuotaCpu));
            Add(ResourceQuotaMemory, Str(d.ResourceQuotaMemory));
        }
        else
        {
            Add(Scheduler, PropertyValue.From(new PropertyMap([new("au", Num(d.SchedulerAu ?? 5)), new("replicas", Num(d.SchedulerReplicas))])));
            Add(TaskPodNodePoolId, Str(d.TaskPodNodePoolId));
        }
        var queuesApply = d.Executor != Api.Executor.Kubernetes && d.RemoteExecution?.Enabled != true;
        if (queuesApply && (oldInputs is null || oldInputs.Has(WorkerQueues.Name)) && d.WorkerQueues is { Count: > 0 } queues)
        {
            Add(WorkerQueues, PropertyValue.From(queues.Select(q =>
            {
                var m = new List<KeyValuePair<string, PropertyValue>>
                {
                    new("name", Str(q.Name)), new("isDefault", Bool(q.IsDefault)), new("minWorkerCount", Num(q.MinWorkerCount)),
                    new("maxWorkerCount", Num(q.MaxWorkerCount)), new("workerConcurrency", Num(q.WorkerConcurrency)),
                };
                if (hosted && q.AstroMachine is not null) m.Add(new("astroMachine", Str(q.AstroMachine)));
                if (!hosted && q.NodePoolId is not null) m.Add(new("nodePoolId", Str(q.NodePoolId)));
                // The pod storage is kept only when the program set it, as Astro fills in its own default.
                var old = oldInputs is null ? null : L(oldInputs, WorkerQueues.Name).FirstOrDefault(o => S(o, "name") == q.Name);
                if (hosted && q.PodEphemeralStorage is not null && old is not null && old.Has("podEphemeralStorage")) m.Add(new("podEphemeralStorage", Str(q.PodEphemeralStorage)));
                return PropertyValue.From(new PropertyMap(m));
            })));
        }
        if (d.EnvironmentVariables is { Count: > 0 } vars || oldInputs?.Has(EnvironmentVariables.Name) == true)
        {
            Add(EnvironmentVariables, PropertyValue.From((d.EnvironmentVariables ?? []).Select(v =>
            {
                var value = v.IsSecret
                    ? oldEnv.TryGetValue(v.Key, out var kept) && !kept.IsNull ? PropertyValue.Secret(kept) : PropertyValue.Null
                    : Str(v.Value ?? "");
                var m = new List<KeyValuePair<string, PropertyValue>> { new("key", Str(v.Key)), new("isSecret", Bool(v.IsSecret)) };
                if (!value.IsNull) m.Add(new("value", value));
                return PropertyValue.From(new PropertyMap(m));
            })));
        }
        if (d.ContactEmails is { Count: > 0 } emails) Add(ContactEmails, Strs(emails));
        // An override belongs to the program only if the program wrote one; otherwise a HibernationOverride resource (or
        // the Astro UI) owns it, and it must neither show as drift nor be imported into the Deployment's inputs.
        var ownsOverride = oldInputs is not null && O(oldInputs, ScalingSpec.Name) is { } oldScaling && O(oldScaling, "hibernationSpec") is { } oldSpec && oldSpec.Has("override");
        if (d.ScalingSpec?.HibernationSpec is { } h && (h.Override is not null && ownsOverride || h.Schedules is { Count: > 0 }))
        {
            var spec = new List<KeyValuePair<string, PropertyValue>>();
            if (h.Override is { } o && ownsOverride)
            {
                var over = new List<KeyValuePair<string, PropertyValue>>();
                if (o.IsHibernating is { } ih) over.Add(new("isHibernating", Bool(ih)));
                if (o.OverrideUntil is { } until) over.Add(new("overrideUntil", Str(Time(until))));
                spec.Add(new("override", PropertyValue.From(new PropertyMap(over))));
            }
            if (h.Schedules is { Count: > 0 } schedules)
            {
                spec.Add(new("schedules", PropertyValue.From(schedules.Select(s =>
                {
                    var m = new List<KeyValuePair<string, PropertyValue>>
                    {
                        new("hibernateAtCron", Str(s.HibernateAtCron)), new("wakeAtCron", Str(s.WakeAtCron)), new("isEnabled", Bool(s.IsEnabled)),
                    };
                    if (s.Description is not null) m.Add(new("description", Str(s.Description)));
                    return PropertyValue.From(new PropertyMap(m));
                }))));
            }
            Add(ScalingSpec, PropertyValue.From(new PropertyMap([new("hibernationSpec", PropertyValue.From(new PropertyMap(spec)))])));
        }
        if (d.RemoteExecution is { } re)
        {
            var m = new List<KeyValuePair<string, PropertyValue>> { new("enabled", Bool(re.Enabled)) };
            if (re.AllowedIpAddressRanges.Count > 0) m.Add(new("allowedIpAddressRanges", Strs(re.AllowedIpAddressRanges)));
            if (re.TaskLogBucket is not null) m.Add(new("taskLogBucket", Str(re.TaskLogBucket)));
            if (re.TaskLogUrlPattern is not null) m.Add(new("taskLogUrlPattern", Str(re.TaskLogUrlPattern)));
            Add(RemoteExecution, PropertyValue.From(new PropertyMap(m)));
        }
        // workloadIdentity is write-only (the response has only the effective one), so it comes from the old inputs.
        if (oldInputs is not null)
        {
            Add(WorkloadIdentity, oldInputs[WorkloadIdentity.Name]);
            Add(DrWorkloadIdentity, oldInputs[DrWorkloadIdentity.Name]);
        }
        Add(WaitForHealthy, oldInputs?[WaitForHealthy.Name] is { IsNull: false } wait ? wait : PropertyValue.True);
        return new PropertyMap(entries);
    }
}
