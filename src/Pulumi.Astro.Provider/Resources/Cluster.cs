using System.Net;
using Pulumi.Astro.Client;
using Pulumi.Astro.Client.Models;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// <c>astro:index:Cluster</c>: create, wait until CREATED (§7.1), read, update in place (§4.6, §8.2) or replace (§9),
/// delete and wait for the 404. Properties: Cluster.Schema.cs; checks: Cluster.Validation.cs; getCluster: Cluster.Functions.cs.
/// </summary>
public sealed partial class Cluster : AstroResource
{
    /// <summary>The Terraform provider's defaults (§7.1): 3 h for create and update, 1 h for delete.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(3);
    public static readonly TimeSpan DefaultDeleteTimeout = TimeSpan.FromHours(1);

    public static readonly WaitTable Created = new("the cluster",
        Pending: ["CREATING", "UPDATING", "UPGRADE_PENDING", "FAILING_OVER"],
        Done: ["CREATED"],
        Failed: ["CREATE_FAILED", "UPDATE_FAILED", "FAILOVER_FAILED", "ACCESS_DENIED"]);

    public override DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var diff = base.Diff(oldInputs, oldOutputs, news);
        if (!diff.HasChanges) return diff;
        var replaces = new HashSet<string>(StringComparer.Ordinal);
        // A HYBRID cluster's update takes only workspaceIds (§4.6): any other change has no update field, so it replaces.
        var type = Known(news, TypeProp) ?? Known(oldInputs, TypeProp);
        if (type == "HYBRID") replaces.UnionWith(diff.Changed.Where(c => c != WorkspaceIds.Name));

        // DR (§4.6, §9): turning it off is an update (enableDr: false); turning it on is one only on AZURE; drRegion,
        // drVpcSubnetRange and drSecondaryVpcCidr "cannot be changed once set", so changing them while DR stays on replaces.
        var (was, now) = (oldInputs[DrRegion.Name], news[DrRegion.Name]);
        var disabling = was.Unwrapped.Kind == PropertyKind.String && now.IsNull;
        var enabling = was.IsNull && !now.IsNull;
        var provider = Known(news, CloudProvider) ?? Known(oldInputs, CloudProvider);
        foreach (var p in new[] { DrRegion, DrVpcSubnetRange, DrSecondaryVpcCidr })
        {
            if (!diff.Changed.Contains(p.Name) || disabling) continue;
            if (enabling && provider == "AZURE" && type == "DEDICATED" && !now.IsUnknown) continue;
            replaces.Add(p.Name);
        }
        return diff.Replacing(replaces);
    }

    protected override async Task<LiveState> CreateAsync(Operation op, PropertyMap inputs)
    {
        var request = BuildCreate(inputs);
        var created = await CreateOnce(op, $"cluster '{request.Name}'", $"among the organization's {request.CloudProvider.Value} clusters",
            ct => op.Client.CreateClusterAsync(request, ct), ct => FindByName(op, request.Name, request.CloudProvider, ct), c => c.Id,
            TimeoutOr(op, DefaultTimeout)).ConfigureAwait(false);
        // The wait gets the whole timeout: the POST's own time is bounded by the client's retries.
        var final = await WaitCreated(op, inputs, created, creating: true, TimeoutOr(op, DefaultTimeout), null).ConfigureAwait(false);
        return LiveOf(final);
    }

    private static async Task<IReadOnlyList<Api.Cluster>> FindByName(Operation op, string name, Api.CloudProvider provider, CancellationToken cancellation) =>
        await op.Client.ListAllClustersAsync(new ListClustersQuery { Names = [name], Provider = provider }, cancellation).ConfigureAwait(false);

    protected override async Task<LiveState?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs) =>
        await UnlessGone(op.Client.GetClusterAsync(id, op.Cancellation)).ConfigureAwait(false) is { } c ? LiveOf(c) : null;

    /// <summary>A cluster that has not become CREATED since its create wait failed is reported as not ready, so the next `up` resumes (or reports) it.</summary>
    protected override string? NotReady(LiveState live, PropertyMap oldOutputs) =>
        NeverReady(live, oldOutputs, Status, Created.Done) is { } status
            ? $"cluster {live.Id} is {status}: it has not become CREATED since it was created; the next update waits for it"
            : null;

    protected override async Task<LiveState> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var started = op.Waiter.Time.GetUtcNow();
        // Node pool ids come from the live cluster (or, where its answer is lean, the state), so a pool that keeps its
        // name is updated, not recreated.
        var current = await op.Client.GetClusterAsync(id, op.Cancellation).ConfigureAwait(false);
        var live = Rules.KeepLastKnown(LiveInputs(current), oldOutputs, Schema.Props);
        var effective = KeepUnreported(id, Rules.WithServerDefaults(news, live, Schema.Props), oldInputs, live);
        var ids = PoolIds(current, oldOutputs);
        if (ids is null) effective = await WithoutUnknownPools(op, id, effective, oldInputs, oldOutputs).ConfigureAwait(false);
        var request = BuildUpdate(effective, current, ids ?? new Dictionary<string, string>());
        var updated = await RetryConflict(op, id, "updating", ct => op.Client.UpdateClusterAsync(id, request, ct), Left(op, started, DefaultTimeout)).ConfigureAwait(false);
        var final = await WaitCreated(op, news, updated, creating: false, Left(op, started, DefaultTimeout), oldOutputs).ConfigureAwait(false);
        return LiveOf(final);
    }

    /// <summary>
    /// workspaceIds and k8sTags the program leaves out (Check's "none") where the state never knew them (an import of an
    /// answer without them): the update sends Astro's value, or, when that is known nowhere, leaves the workspaces as they
    /// are (the field is optional) and stops before sending anything for the tags (which the update must carry), so a
    /// lean answer never removes a cluster's workspaces or tags.
    /// </summary>
    private static PropertyMap KeepUnreported(string id, PropertyMap effective, PropertyMap oldInputs, PropertyMap live)
    {
        foreach (var prop in new[] { WorkspaceIds, K8sTags })
        {
            if (oldInputs.Has(prop.Name) || effective[prop.Name].Unwrapped is not { Kind: PropertyKind.Array } v || v.AsArray.Count > 0) continue;
            if (live.Has(prop.Name)) effective = effective.With(prop.Name, live[prop.Name]);
            else if (prop == WorkspaceIds) effective = effective.Without(prop.Name);
            else
                throw new InputException($"k8sTags: Astro did not report the Kubernetes tags of cluster {id} and the program does not set them, " +
                    "so this update would remove them (it replaces the tags); nothing was sent. Set k8sTags in the program");
        }
        return effective;
    }

    /// <summary>
    /// The node pools when neither Astro's answer nor the state knows their ids: a pool sent without its id would be
    /// recreated. An unchanged list is not sent (Astro keeps its pools); a list the state never knew is not sent either,
    /// with a warning; a changed one stops the update before anything is sent.
    /// </summary>
    private static async Task<PropertyMap> WithoutUnknownPools(Operation op, string id, PropertyMap effective, PropertyMap oldInputs, PropertyMap oldOutputs)
    {
        if (!effective.Has(NodePools.Name)) return effective;
        var old = oldInputs[NodePools.Name];
        if (!old.IsNull && Rules.Same(old, effective[NodePools.Name], NodePools)) return effective.Without(NodePools.Name);
        if (old.IsNull && oldOutputs[NodePools.Name].IsNull)
        {
            await op.Warn($"Astro did not report the node pools of cluster {id}, so this update leaves them as they are: sending them without " +
                "their ids would recreate them. The program's nodePools are recorded; a refresh shows Astro's").ConfigureAwait(false);
            return effective.Without(NodePools.Name);
        }
        throw new InputException($"nodePools: Astro did not report the ids of the node pools of cluster {id}, so they cannot be changed now " +
            "without being recreated; nothing was sent. Keep nodePools as they were until Astro reports the pools (`pulumi refresh` shows them)");
    }

    /// <summary>Node pool ids by name: from the live cluster, or from the state's nodePoolDetails when Astro's answer left the pools out; null when neither knows.</summary>
    internal static IReadOnlyDictionary<string, string>? PoolIds(Api.Cluster current, PropertyMap? oldOutputs) =>
        current.NodePools is { } pools
            ? pools.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Id)
            : oldOutputs?[NodePoolDetails.Name].Unwrapped is { Kind: PropertyKind.Array }
                ? L(oldOutputs, NodePoolDetails.Name).Where(p => S(p, "name") is not null && S(p, "id") is not null)
                    .GroupBy(p => S(p, "name")!).ToDictionary(g => g.Key, g => S(g.First(), "id")!)
                : null;

    public override async Task DeleteAsync(Operation op, string id, PropertyMap oldOutputs)
    {
        var started = op.Waiter.Time.GetUtcNow();
        try
        {
            await RetryConflict(op, id, "deleting", async ct =>
            {
                await op.Client.DeleteClusterAsync(id, ct).ConfigureAwait(false);
                return true;
            }, Left(op, started, DefaultDeleteTimeout)).ConfigureAwait(false);
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            return; // already gone: success
        }
        // Deletion is asynchronous (§7.1): wait until GET answers 404.
        await op.Waiter.WaitGoneAsync($"cluster {id}", ct => op.Client.GetClusterAsync(id, ct), c => c.Status.Value,
            Left(op, started, DefaultDeleteTimeout), op.Progress, op.Cancellation).ConfigureAwait(false);
    }

    /// <summary>What is left of this call's timeout (customTimeouts, or the default) since <paramref name="started"/>.</summary>
    private static TimeSpan Left(Operation op, DateTimeOffset started, TimeSpan fallback)
    {
        var left = TimeoutOr(op, fallback) - (op.Waiter.Time.GetUtcNow() - started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Retries a call that gets 409 Conflict ("a workflow is already running for the cluster", §2, §7.1) on the
    /// adaptive schedule until <paramref name="timeout"/>, with a progress line per try.
    /// </summary>
    private static async Task<T> RetryConflict<T>(Operation op, string id, string what, Func<CancellationToken, Task<T>> call, TimeSpan timeout)
    {
        var started = op.Waiter.Time.GetUtcNow();
        while (true)
        {
            try
            {
                return await call(op.Cancellation).ConfigureAwait(false);
            }
            catch (AstroApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                var elapsed = op.Waiter.Time.GetUtcNow() - started;
                if (elapsed >= timeout)
                    throw new WaitTimeoutException("CONFLICT", $"timed out after {Waiter.FormatElapsed(timeout)} waiting for the running workflow on cluster {id} to finish before {what} it: {e.Message}");
                await op.Progress($"waiting for the running workflow on the cluster to finish before {what} it ({Waiter.FormatElapsed(elapsed)})").ConfigureAwait(false);
                var pause = Waiter.NextInterval(elapsed);
                var left = timeout - elapsed;
                await Task.Delay(pause < left ? pause : left, op.Waiter.Time, op.Cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for CREATED; a failure status, a timeout or a cancel is a partial failure that keeps the id (§7.1).</summary>
    private async Task<Api.Cluster> WaitCreated(Operation op, PropertyMap inputs, Api.Cluster first, bool creating, TimeSpan timeout, PropertyMap? oldOutputs)
    {
        var last = first;
        try
        {
            return await op.Waiter.WaitAsync(Created,
                async ct => last = await op.Client.GetClusterAsync(first.Id, ct).ConfigureAwait(false),
                c => c.Status.Value, Health, timeout, op.Progress, op.Cancellation, first).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WaitTimeoutException or WaitFailedException or OperationCanceledException or AstroException)
        {
            var reason = e is OperationCanceledException ? "the wait was cancelled" : e.Message;
            var message = $"cluster {first.Id} was {(creating ? "created" : "updated")} but did not become CREATED: {reason}";
            // Keep the id and what we know, so nothing is orphaned and the next `pulumi up` retries the update.
            throw new ResourceInitFailedException(first.Id, Outputs(inputs, LiveOf(last), oldOutputs), creating ? null : inputs, message);
        }
    }

    /// <summary>The health value and findings, for wait messages (§5.1 has no statusReason on clusters).</summary>
    private static string? Health(Api.Cluster c)
    {
        if (c.HealthStatus is not { } h) return null;
        var details = (h.Details ?? []).Select(d => $"{d.Code}: {d.Description}{(d.Component is null ? "" : $" ({d.Component}, {d.Severity})")}").ToList();
        return $"health {h.Value.Value}" + (details.Count == 0 ? "" : "; " + string.Join("; ", details));
    }

    // ---- inputs → API requests ----

    private static List<ClusterK8sTag> TagsRequest(PropertyMap inputs) =>
        L(inputs, K8sTags.Name).Select(t => new ClusterK8sTag { Key = S(t, "key"), Value = S(t, "value") }).ToList();

    private static Api.CreateClusterRequest BuildCreate(PropertyMap inputs)
    {
        var pools = inputs.Has(NodePools.Name)
            ? L(inputs, NodePools.Name).Select(p => new CreateNodePoolRequest
            {
                Name = S(p, "name")!, NodeInstanceType = S(p, "nodeInstanceType")!, MaxNodeCount = I(p, "maxNodeCount") ?? 1, IsDefault = B(p, "isDefault"),
            }).ToList()
            : null;
        var type = new ClusterType(S(inputs, TypeProp.Name)!);
        var (name, region, vpc) = (S(inputs, Name.Name)!, S(inputs, Region.Name)!, S(inputs, VpcSubnetRange.Name)!);
        var tags = TagsRequest(inputs);
        var workspaces = Strings(inputs, WorkspaceIds.Name);
        return S(inputs, CloudProvider.Name) switch
        {
            "AWS" => new CreateAwsClusterRequest
            {
                Type = type, Name = name, Region = region, VpcSubnetRange = vpc, ProviderAccount = S(inputs, ProviderAccount.Name),
                DbInstanceType = S(inputs, DbInstanceType.Name), NodePools = pools, K8sTags = tags, WorkspaceIds = workspaces,
                DrRegion = S(inputs, DrRegion.Name), DrVpcSubnetRange = S(inputs, DrVpcSubnetRange.Name),
                EnableReplicationTimeControl = B(inputs, EnableReplicationTimeControl.Name),
                SecondaryVpcCidr = S(inputs, SecondaryVpcCidr.Name), IsPrivateNetworkEgressEnabled = B(inputs, IsPrivateNetworkEgressEnabled.Name),
                DrSecondaryVpcCidr = S(inputs, DrSecondaryVpcCidr.Name),
            },
            "AZURE" => new CreateAzureClusterRequest
            {
                Type = type, Name = name, Region = region, VpcSubnetRange = vpc, ProviderAccount = S(inputs, ProviderAccount.Name),
                DbInstanceType = S(inputs, DbInstanceType.Name), NodePools = pools, K8sTags = tags, WorkspaceIds = workspaces,
                DrRegion = S(inputs, DrRegion.Name), DrVpcSubnetRange = S(inputs, DrVpcSubnetRange.Name),
                EnableReplicationTimeControl = B(inputs, EnableReplicationTimeControl.Name), TenantId = S(inputs, TenantId.Name),
            },
            _ => new CreateGcpClusterRequest
            {
                Type = type, Name = name, Region = region, VpcSubnetRange = vpc, ProviderAccount = S(inputs, ProviderAccount.Name),
                DbInstanceType = S(inputs, DbInstanceType.Name), NodePools = pools, K8sTags = tags, WorkspaceIds = workspaces,
                DrRegion = S(inputs, DrRegion.Name), DrVpcSubnetRange = S(inputs, DrVpcSubnetRange.Name),
                EnableReplicationTimeControl = B(inputs, EnableReplicationTimeControl.Name),
                PodSubnetRange = S(inputs, PodSubnetRange.Name)!, ServiceSubnetRange = S(inputs, ServiceSubnetRange.Name)!,
                ServicePeeringRange = S(inputs, ServicePeeringRange.Name)!, DrPodSubnetRange = S(inputs, DrPodSubnetRange.Name),
                DrServiceSubnetRange = S(inputs, DrServiceSubnetRange.Name), DrServicePeeringRange = S(inputs, DrServicePeeringRange.Name),
            },
        };
    }

    /// <summary>The update body (§4.6); <paramref name="current"/> gives node pool ids and whether DR is on now.</summary>
    internal static Api.UpdateClusterRequest BuildUpdate(PropertyMap news, Api.Cluster current, IReadOnlyDictionary<string, string> ids)
    {
        // Left out (known nowhere), the workspaces stay as they are.
        var workspaces = Strings(news, WorkspaceIds.Name);
        if (current.Type == ClusterType.Hybrid) return new UpdateHybridClusterRequest { WorkspaceIds = workspaces };
        var provider = current.CloudProvider.Value;
        var drRegion = S(news, DrRegion.Name);
        var drOn = drRegion is not null;
        var enabling = drOn && !current.IsDrEnabled;
        var gcpDr = drOn && provider == "GCP";
        return new UpdateDedicatedClusterRequest
        {
            Name = S(news, Name.Name)!,
            K8sTags = TagsRequest(news), // required: [] when there are none (§4.6)
            WorkspaceIds = workspaces,
            // Left out of the program, the pools stay as they are (null keeps them).
            NodePools = news.Has(NodePools.Name)
                ? L(news, NodePools.Name).Select(p => new UpdateNodePoolRequest
                {
                    Id = ids.GetValueOrDefault(S(p, "name")!), Name = S(p, "name")!, NodeInstanceType = S(p, "nodeInstanceType")!,
                    MaxNodeCount = I(p, "maxNodeCount") ?? 1, IsDefault = B(p, "isDefault"),
                }).ToList()
                : null,
            DbInstanceType = S(news, DbInstanceType.Name) ?? current.DbInstanceType,
            // enableDr: false turns DR off; true (with the region) turns it on, which only AZURE allows (§4.6).
            EnableDr = !drOn && current.IsDrEnabled ? false : enabling ? true : null,
            DrRegion = enabling ? drRegion : null,
            // Left out, the DR VPC range is the primary one (Astro's default on create).
            DrVpcSubnetRange = enabling ? S(news, DrVpcSubnetRange.Name) ?? S(news, VpcSubnetRange.Name) : null,
            DrPodSubnetRange = gcpDr ? S(news, DrPodSubnetRange.Name) : null,
            DrServiceSubnetRange = gcpDr ? S(news, DrServiceSubnetRange.Name) : null,
            DrServicePeeringRange = gcpDr ? S(news, DrServicePeeringRange.Name) : null,
            EnableReplicationTimeControl = drOn ? B(news, EnableReplicationTimeControl.Name) : null,
            IsPrivateNetworkEgressEnabled = provider == "AWS" ? B(news, IsPrivateNetworkEgressEnabled.Name) : null,
        };
    }

    // ---- API object → live state ----

    private static PropertyValue PoolInputs(IEnumerable<NodePool>? pools) => List(pools, p => Obj(
        ("name", Str(p.Name)), ("nodeInstanceType", Str(p.NodeInstanceType)), ("maxNodeCount", Num(p.MaxNodeCount)), ("isDefault", Bool(p.IsDefault))));

    private static LiveState LiveOf(Api.Cluster c) => new(c.Id, LiveInputs(c), ComputedOf(c));

    internal static PropertyMap ComputedOf(Api.Cluster c) => Map(
        Kv(Status, Str(c.Status.Value)),
        Kv(HealthStatus, c.HealthStatus is { } h
            ? Obj(("value", Str(h.Value.Value)), ("details", List(h.Details, d =>
                Obj(("code", Str(d.Code)), ("description", Str(d.Description)), ("severity", Str(d.Severity)), ("component", Str(d.Component))))))
            : PropertyValue.Unknown),
        Kv(OrganizationId, Str(c.OrganizationId)), Kv(IsDrEnabled, Bool(c.IsDrEnabled)), Kv(FailoverInProgress, Bool(c.FailoverInProgress)),
        Kv(IsFailedOver, Bool(c.IsFailedOver)), Kv(IsLimited, Bool(c.IsLimited)),
        Kv(Metadata, c.Metadata is { } m
            ? Obj(("externalIps", Strs(m.ExternalIps)), ("kubeDnsIp", Str(m.KubeDnsIp)), ("oidcIssuerUrl", Str(m.OidcIssuerUrl)))
            : PropertyValue.Unknown),
        // Left out of Astro's answer, the pools keep their last known details (a Deployment may reference their ids).
        Kv(NodePoolDetails, List(c.NodePools, p => Obj(
            ("id", Str(p.Id)), ("name", Str(p.Name)), ("nodeInstanceType", Str(p.NodeInstanceType)), ("maxNodeCount", Num(p.MaxNodeCount)),
            ("isDefault", Bool(p.IsDefault)), ("supportedAstroMachines", Strs(p.SupportedAstroMachines)),
            ("createdAt", Str(Time(p.CreatedAt))), ("updatedAt", Str(Time(p.UpdatedAt)))))),
        Kv(CreatedAt, Str(Time(c.CreatedAt))), Kv(UpdatedAt, Str(Time(c.UpdatedAt))));

    /// <summary>
    /// The inputs a program would write to get this cluster, as Astro reports it; Unknown where Astro's answer leaves a
    /// field out (the generic rules keep the old value). Fields of another cloud are left out; for a cloud this provider
    /// does not know, every cloud-specific field is Unknown. The DR fields are Astro's while DR is on, and not set when
    /// it is off.
    /// </summary>
    internal static PropertyMap LiveInputs(Api.Cluster c)
    {
        var provider = c.CloudProvider.Value;
        var known = provider is "AWS" or "AZURE" or "GCP";
        PropertyValue When(bool applies, PropertyValue value) => !known ? PropertyValue.Unknown : applies ? value : PropertyValue.Null;
        PropertyValue Dr(PropertyValue value) => c.IsDrEnabled ? value : PropertyValue.Null;
        var (aws, gcp) = (provider == "AWS", provider == "GCP");
        return Map(
            Kv(CloudProvider, Str(provider)), Kv(TypeProp, Str(c.Type.Value)), Kv(Name, Str(c.Name)), Kv(Region, Str(c.Region)),
            Kv(VpcSubnetRange, Str(c.VpcSubnetRange)),
            Kv(PodSubnetRange, When(gcp, Str(c.PodSubnetRange))), Kv(ServiceSubnetRange, When(gcp, Str(c.ServiceSubnetRange))),
            Kv(ServicePeeringRange, When(gcp, Str(c.ServicePeeringRange))),
            Kv(SecondaryVpcCidr, When(aws, Str(c.SecondaryVpcCidr))), Kv(IsPrivateNetworkEgressEnabled, When(aws, Bool(c.IsPrivateNetworkEgressEnabled))),
            Kv(TenantId, When(provider == "AZURE", Str(c.TenantId))),
            Kv(ProviderAccount, Str(c.ProviderAccount)), Kv(DbInstanceType, Str(c.DbInstanceType)), Kv(NodePools, PoolInputs(c.NodePools)),
            Kv(K8sTags, List(c.Tags, t => Obj(("key", Str(t.Key)), ("value", Str(t.Value))))), Kv(WorkspaceIds, Strs(c.WorkspaceIds)),
            Kv(DrRegion, Dr(Str(c.DrRegion))), Kv(DrVpcSubnetRange, Dr(Str(c.DrVpcSubnetRange))),
            Kv(DrSecondaryVpcCidr, Dr(When(aws, Str(c.DrSecondaryVpcCidr)))),
            Kv(DrPodSubnetRange, Dr(When(gcp, Str(c.DrPodSubnetRange)))), Kv(DrServiceSubnetRange, Dr(When(gcp, Str(c.DrServiceSubnetRange)))),
            Kv(DrServicePeeringRange, Dr(When(gcp, Str(c.DrServicePeeringRange)))),
            Kv(EnableReplicationTimeControl, Dr(Bool(c.EnableReplicationTimeControl))));
    }
}
