using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// <c>astro:index:Deploy</c>: ships a DAG folder and/or an image as the CLI does (§7.4: create, push, upload, finalize)
/// and waits until the Deployment runs it. The image is one the user's CI pushed to the Deployment's registry under its
/// own tag (<c>imageTag</c>); create tags it as the deploy's assigned tag, because Astro assigns the tag only when the
/// deploy is created (§5.6) and the CreateDeployRequest takes none (§4.7). The id is <c>&lt;deploymentId&gt;/&lt;deployId&gt;</c>, because every deploy endpoint needs both
/// (§2); import takes the same. Delete only forgets the deploy: deploys are history and Astro has no delete for them.
/// Properties: Deploy.Schema.cs; Check rules: Deploy.Validation.cs; the tarball: Deploy.Tarball.cs; <c>getDeploy</c>: Deploy.Functions.cs.
/// </summary>
public sealed partial class Deploy : AstroResource
{
    /// <summary>The default wait (the CLI waits 300 s for a DAG deploy, §7.2; a cold Deployment can take longer).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public const int MaxDescription = 500;

    /// <summary>
    /// The wait after finalize, over the deploy and its Deployment together (§7.2, §7.3): the deploy must be DEPLOYED and
    /// the Deployment HEALTHY (or HIBERNATING, which the CLI counts as success) with this deploy's DAG tarball version
    /// in use and none pending.
    /// </summary>
    public static readonly WaitTable Live = new("the deploy",
        Pending: ["INITIALIZED", "DEPLOYED, DAGs rolling out", "DEPLOYED, image rolling out", .. Deployment.Healthy.Pending.Select(s => $"DEPLOYED, Deployment {s}")],
        Done: [.. Deployment.Healthy.Done.Select(s => $"DEPLOYED, Deployment {s}")],
        Failed: ["FAILED"]);

    /// <summary>A deploy and its Deployment, polled together.</summary>
    public sealed record Snapshot(Api.Deploy Deploy, Api.Deployment? Deployment);

    /// <summary>
    /// The combined status <see cref="Live"/> reads: the deploy's, then the Deployment's, then the DAG versions (for a
    /// type that ships DAGs) and the image tag (for a type that ships an image).
    /// </summary>
    public static string LiveStatus(Snapshot s)
    {
        var status = s.Deploy.Status.Value;
        if (status != Api.DeployStatus.Deployed.Value || s.Deployment is not { } d) return status;
        var deployment = d.Status.Value;
        if (!Deployment.Healthy.Done.Contains(deployment)) return $"DEPLOYED, Deployment {deployment}";
        var type = s.Deploy.Type.Value;
        var version = s.Deploy.DagTarballVersion;
        var dagsRunning = !ShipsDags(type)
            || d.DagTarballVersion == version && (string.IsNullOrEmpty(d.DesiredDagTarballVersion) || d.DesiredDagTarballVersion == d.DagTarballVersion);
        if (!dagsRunning) return "DEPLOYED, DAGs rolling out";
        var imageRunning = !ShipsImage(type) || d.ImageTag == s.Deploy.ImageTag;
        return imageRunning ? $"DEPLOYED, Deployment {deployment}" : "DEPLOYED, image rolling out";
    }

    public static bool ShipsImage(string? type) => type is "IMAGE_ONLY" or "IMAGE_AND_DAG";

    public static bool ShipsDags(string? type) => type is "DAG_ONLY" or "IMAGE_AND_DAG";

    // ---- ids ----

    public static string IdOf(string deploymentId, string deployId) => $"{deploymentId}/{deployId}";

    /// <summary>Splits <c>&lt;deploymentId&gt;/&lt;deployId&gt;</c>; anything else is an import id mistake.</summary>
    public static (string DeploymentId, string DeployId) ParseId(string id)
    {
        var parts = id.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
            throw new InputException($"'{id}' is not a Deploy id: import a Deploy as <deploymentId>/<deployId>");
        return (parts[0], parts[1]);
    }

    // ---- diff ----

    public override DiffResult Diff(PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var diff = base.Diff(oldInputs, oldOutputs, news);
        var changed = diff.Changed.ToList();
        var replaces = diff.Replaces.ToList();
        var detailed = diff.Detailed.ToDictionary();

        // contentHash is computed, so the generic input diff skips it. A new hash ships a new deploy; a hash where there
        // was none (an imported deploy, whose files Astro cannot show) is adopted in place.
        var (oldHash, newHash) = (oldInputs[ContentHash.Name], news[ContentHash.Name]);
        if (!Rules.Same(oldHash, newHash, ContentHash) && !(oldHash.IsNull && newHash.IsNull))
        {
            changed.Add(ContentHash.Name);
            if (oldHash.IsNull) detailed[ContentHash.Name] = DiffKind.Add;
            else
            {
                replaces.Add(ContentHash.Name);
                detailed[ContentHash.Name] = newHash.IsNull ? DiffKind.DeleteReplace : DiffKind.UpdateReplace;
            }
        }

        // An imported deploy has no imageTag (Astro cannot say which CI tag it came from): the program's is adopted in place.
        if (oldInputs[ImageTag.Name].IsNull && !news[ImageTag.Name].IsNull && replaces.Remove(ImageTag.Name))
            detailed[ImageTag.Name] = DiffKind.Add;

        // A deploy that FAILED, or that never reached finalize, cannot be made good in place: ship again. A DAG deploy shows
        // finalize by its DAG version; an IMAGE_ONLY deploy shows nothing (§5.6), so one still INITIALIZED ships again.
        var status = S(oldOutputs, Status.Name);
        var finalized = !string.IsNullOrEmpty(S(oldOutputs, DagTarballVersion.Name));
        if (status == Api.DeployStatus.Failed.Value || status == Api.DeployStatus.Initialized.Value && !finalized)
        {
            changed.Add(Status.Name);
            replaces.Add(Status.Name);
            detailed[Status.Name] = DiffKind.UpdateReplace;
        }
        return new DiffResult(changed, replaces, detailed);
    }

    // ---- create ----

    protected override async Task<LiveState> CreateAsync(Operation op, PropertyMap inputs)
    {
        var deploymentId = S(inputs, DeploymentId.Name)!;
        var type = S(inputs, TypeProp.Name) ?? "DAG_ONLY";
        if (type is not ("DAG_ONLY" or "IMAGE_ONLY" or "IMAGE_AND_DAG")) throw new InputException($"type: {type} deploys cannot be created by this resource");

        using var packed = ShipsDags(type) ? PackChecked(op, inputs, type) : null;
        var ciTag = ShipsImage(type) ? S(inputs, ImageTag.Name) ?? throw new InputException($"imageTag: is required for {type} deploys") : null;

        // DAG deploys need the Deployment's DAG deploys on (§7.4 client-side rule); say so before creating anything.
        var deployment = await op.Client.GetDeploymentAsync(deploymentId, op.Cancellation).ConfigureAwait(false);
        if (ShipsDags(type) && !deployment.IsDagDeployEnabled)
            throw new InputException($"deploymentId: Deployment {deploymentId} ({deployment.Name}) does not have DAG deploys enabled; " +
                $"set isDagDeployEnabled: true on it to ship {type} deploys");
        // The CI's image must be there before a deploy is created, so a mistyped tag leaves nothing behind.
        if (ciTag is not null) await CheckImage(op, deployment, ciTag).ConfigureAwait(false);

        Api.Deploy created;
        try
        {
            created = await op.Client.CreateDeployAsync(deploymentId, BuildCreate(inputs), op.Cancellation).ConfigureAwait(false);
        }
        catch (AstroOutcomeUnknownException e)
        {
            // A deploy that is never finalized changes nothing on the Deployment (§7.3), so retrying is safe.
            throw new InputException($"creating a deploy on Deployment {deploymentId} failed: {e.Message}. If Astro made it, it stays INITIALIZED " +
                "and has no effect; it is safe to run the update again");
        }
        var id = IdOf(deploymentId, created.Id);
        await op.Progress($"deploy {created.Id} created").ConfigureAwait(false);

        var last = created;
        var finalized = false;
        try
        {
            if (ciTag is not null)
            {
                // §7.4 step 2: the image goes to <imageRepository>:<imageTag> of the deploy; the CI pushed it already, so it is tagged, not pushed.
                var repository = string.IsNullOrEmpty(created.ImageRepository) ? deployment.ImageRepository! : created.ImageRepository;
                await op.Progress($"tagging {repository}:{ciTag} as {created.ImageTag}").ConfigureAwait(false);
                var digest = await op.Client.RetagImageAsync(repository, ciTag, created.ImageTag, op.Cancellation).ConfigureAwait(false);
                await op.Info($"image {repository}:{ciTag} ({digest}) tagged as {created.ImageTag} for deploy {created.Id}").ConfigureAwait(false);
            }
            string? version = null;
            if (packed is not null)
            {
                if (string.IsNullOrEmpty(created.DagsUploadUrl))
                    throw new InputException($"Astro returned no dagsUploadUrl for deploy {created.Id} (DAG deploys may have been turned off meanwhile)");
                await op.Progress($"uploading {packed.Files.Count} files ({packed.GzipLength} bytes)").ConfigureAwait(false);
                await using var body = packed.OpenGzip();
                version = await op.Client.UploadDagTarballAsync(created.DagsUploadUrl, body, op.Cancellation).ConfigureAwait(false);
            }
            // The CLI sends an empty DAG version for an image-only deploy when DAG deploys are on (§7.4 step 4).
            else if (created.IsDagDeployEnabled) version = "";
            last = await op.Client.FinalizeDeployAsync(deploymentId, created.Id, new Api.FinalizeDeployRequest { DagTarballVersion = version }, op.Cancellation).ConfigureAwait(false);
            finalized = true;
            if (B(inputs, WaitForDeployment.Name) ?? true)
                last = await WaitLive(op, deploymentId, last, s => last = s.Deploy).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WaitTimeoutException or WaitFailedException or OperationCanceledException or AstroException or InputException or ArgumentException)
        {
            var reason = e is OperationCanceledException ? "the wait was cancelled" : e.Message;
            var rollback = finalized && (B(inputs, RollbackOnFailure.Name) ?? false) ? await Rollback(op, deploymentId, created.Id, deployment).ConfigureAwait(false) : "";
            var step = finalized ? "was finalized but did not go live" : "was created but not finalized";
            throw new ResourceInitFailedException(id, Outputs(inputs, LiveOf(last)), null, $"deploy {id} {step}: {reason}{rollback}");
        }
        return LiveOf(last);
    }

    /// <summary>
    /// Packs dagsPath (with <see cref="Limits"/>) into a temporary gzip file, the caller disposes it. What ships is what the
    /// preview showed: files edited since Check would ship unseen, so a changed hash is an error.
    /// </summary>
    private DagTarball.Packed PackChecked(Operation op, PropertyMap inputs, string type)
    {
        var folder = DagTarball.Resolve(S(inputs, DagsPath.Name) ?? throw new InputException($"dagsPath: is required for {type} deploys"));
        if (!Directory.Exists(folder)) throw new InputException($"dagsPath: the folder {folder} does not exist");
        DagTarball.Packed packed;
        try
        {
            packed = DagTarball.Pack(folder, Limits, op.Cancellation);
        }
        catch (DagFolderException e)
        {
            throw new InputException($"dagsPath: {e.Message} (in {folder})");
        }
        try
        {
            if (packed.Files.Count == 0) throw new InputException($"dagsPath: the folder {folder} has no files to deploy ({ExclusionsDoc})");
            if (S(inputs, ContentHash.Name) is { } checkedHash && checkedHash != packed.Hash)
                throw new InputException($"dagsPath: the files in {folder} changed after they were checked ({checkedHash} then, {packed.Hash} now); run the update again");
            return packed;
        }
        catch
        {
            packed.Dispose();
            throw;
        }
    }

    /// <summary>Fails with an error naming imageTag unless the CI's image is in the Deployment's repository.</summary>
    private static async Task CheckImage(Operation op, Api.Deployment deployment, string ciTag)
    {
        var repository = deployment.ImageRepository;
        if (string.IsNullOrEmpty(repository))
            throw new InputException($"imageTag: Deployment {deployment.Id} ({deployment.Name}) has no imageRepository to take images from");
        bool exists;
        try
        {
            exists = await op.Client.ImageTagExistsAsync(repository, ciTag, op.Cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AstroException or ArgumentException)
        {
            throw new InputException($"imageTag: cannot look up {repository}:{ciTag}: {e.Message}");
        }
        if (!exists)
            throw new InputException($"imageTag: the image {repository}:{ciTag} does not exist. Push the image to the Deployment's imageRepository " +
                $"under this tag first (docker login {repository.Split('/')[0]} -u cli -p <API token>; docker push {repository}:{ciTag}); no deploy was created");
    }

    private static Api.CreateDeployRequest BuildCreate(PropertyMap inputs) => new()
    {
        Type = new Api.DeployType(S(inputs, TypeProp.Name) ?? "DAG_ONLY"),
        Description = S(inputs, Description.Name),
        Git = O(inputs, Git.Name) is { } g
            ? new Api.CreateDeployGitRequest
            {
                Provider = new Api.GitProvider(S(g, "provider")!), CommitSha = S(g, "commitSha")!, Account = S(g, "account"), Repo = S(g, "repo"),
                RemoteUrl = S(g, "remoteUrl"), Branch = S(g, "branch"), Path = S(g, "path"), CommitUrl = S(g, "commitUrl"),
                AuthorName = S(g, "authorName"), AuthorUsername = S(g, "authorUsername"), AuthorUrl = S(g, "authorUrl"),
                BeforeCommitSha = S(g, "beforeCommitSha"),
            }
            : null,
    };

    /// <summary>Polls the deploy and its Deployment until <see cref="Live"/> says done; <paramref name="seen"/> gets every poll.</summary>
    private static async Task<Api.Deploy> WaitLive(Operation op, string deploymentId, Api.Deploy first, Action<Snapshot> seen)
    {
        var done = await op.Waiter.WaitAsync(Live,
            async ct =>
            {
                var deploy = await op.Client.GetDeployAsync(deploymentId, first.Id, ct).ConfigureAwait(false);
                // The Deployment matters only once the deploy is DEPLOYED.
                var deployment = deploy.Status == Api.DeployStatus.Deployed ? await op.Client.GetDeploymentAsync(deploymentId, ct).ConfigureAwait(false) : null;
                var snapshot = new Snapshot(deploy, deployment);
                seen(snapshot);
                return snapshot;
            },
            LiveStatus, s => s.Deployment?.StatusReason, TimeoutOr(op, DefaultTimeout), op.Progress, op.Cancellation).ConfigureAwait(false);
        return done.Deploy;
    }

    /// <summary>
    /// Rolls the Deployment back to the deploy it ran before <paramref name="failedId"/>, and says what it did (or why it
    /// could not) as the end of the error message. That deploy is the DEPLOYED one with the DAG version and image tag the
    /// Deployment ran <paramref name="before"/> (as far as its type ships them): deploy times have whole seconds (§1), too
    /// coarse to order deploys by.
    /// Failing that, the newest DEPLOYED deploy before this one.
    /// </summary>
    private static async Task<string> Rollback(Operation op, string deploymentId, string failedId, Api.Deployment before)
    {
        try
        {
            var all = await op.Client.ListAllDeploysAsync(deploymentId, null, CancellationToken.None).ConfigureAwait(false);
            var failed = all.FirstOrDefault(d => d.Id == failedId);
            var candidates = all
                .Where(d => d.Id != failedId && d.Status == Api.DeployStatus.Deployed && (failed is null || d.CreatedAt <= failed.CreatedAt))
                .OrderByDescending(d => d.CreatedAt)
                .ToList();
            var (versionBefore, imageBefore) = (before.DagTarballVersion, before.ImageTag);
            var previous = candidates.FirstOrDefault(d =>
                    (!ShipsDags(d.Type.Value) || !string.IsNullOrEmpty(versionBefore) && d.DagTarballVersion == versionBefore) &&
                    (!ShipsImage(d.Type.Value) || !string.IsNullOrEmpty(imageBefore) && d.ImageTag == imageBefore))
                ?? candidates.FirstOrDefault();
            if (previous is null) return "; rollbackOnFailure: there is no earlier DEPLOYED deploy to roll back to";
            var rolled = await op.Client.RollbackDeployAsync(deploymentId, previous.Id,
                new Api.DeployRollbackRequest { Description = $"Rollback after deploy {failedId} failed (pulumi-resource-astro)" }, CancellationToken.None).ConfigureAwait(false);
            await op.Warn($"rolled Deployment {deploymentId} back to deploy {previous.Id} (rollback deploy {rolled.Id})").ConfigureAwait(false);
            return $"; rolled back to deploy {previous.Id} (rollback deploy {rolled.Id})";
        }
        catch (AstroException e)
        {
            return $"; rollbackOnFailure: the rollback failed: {e.Message}";
        }
    }

    // ---- read, update, delete ----

    protected override async Task<LiveState?> ReadAsync(Operation op, string id, PropertyMap? oldInputs, PropertyMap? oldOutputs)
    {
        // An import (or a get) has no old inputs: Astro cannot say which folder or CI image a deploy shipped, so the
        // generated program could never ship it again. Refuse plainly instead of adopting half a resource.
        var (deploymentId, deployId) = ParseId(id);
        if (oldInputs is null)
            throw new InputException($"a Deploy cannot be imported ({id}): Astro cannot say which DAG folder or CI image tag it shipped. " +
                "Declare the Deploy in your program instead (its first `pulumi up` ships the folder or image); to read an existing deploy, use getDeploy");
        try
        {
            return LiveOf(await op.Client.GetDeployAsync(deploymentId, deployId, op.Cancellation).ConfigureAwait(false));
        }
        catch (AstroApiException e) when (e.IsNotFound)
        {
            return null; // the deploy, or its whole Deployment, is gone
        }
    }

    protected override async Task<LiveState> UpdateAsync(Operation op, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap news)
    {
        var (deploymentId, deployId) = ParseId(id);
        var description = S(news, Description.Name);
        var d = description != S(oldInputs, Description.Name)
            ? await op.Client.UpdateDeployAsync(deploymentId, deployId, new Api.UpdateDeployRequest { Description = description ?? "" }, op.Cancellation).ConfigureAwait(false)
            : await op.Client.GetDeployAsync(deploymentId, deployId, op.Cancellation).ConfigureAwait(false);
        if (!oldInputs.Has(ImageTag.Name) && news.Has(ImageTag.Name))
            await op.Warn($"deploy {deployId} was imported: Astro cannot show which CI tag its image came from, so imageTag ({S(news, ImageTag.Name)}) is recorded " +
                "without being shipped; change it or run `pulumi up --replace` on this resource to ship it").ConfigureAwait(false);
        if (!oldInputs.Has(ContentHash.Name) && news.Has(ContentHash.Name))
            await op.Warn($"deploy {deployId} was imported: Astro cannot show its files, so the files in dagsPath ({S(news, ContentHash.Name)}) are recorded " +
                "without being shipped; change a file or run `pulumi up --replace` on this resource to ship them").ConfigureAwait(false);
        // A create whose wait timed out is resumed here (the engine updates a resource with init errors, §2.5).
        if (d.Status != Api.DeployStatus.Deployed && !string.IsNullOrEmpty(d.DagTarballVersion) && (B(news, WaitForDeployment.Name) ?? true))
        {
            var last = d;
            try
            {
                d = await WaitLive(op, deploymentId, d, s => last = s.Deploy).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WaitTimeoutException or WaitFailedException or OperationCanceledException or AstroException)
            {
                throw new ResourceInitFailedException(id, Outputs(news, LiveOf(last), oldOutputs), news, $"deploy {id} did not go live: {(e is OperationCanceledException ? "the wait was cancelled" : e.Message)}");
            }
        }
        return LiveOf(d);
    }

    /// <summary>Deploys are history (§7.3; the API has no delete for them): only the Pulumi state forgets this one.</summary>
    public override Task DeleteAsync(Operation op, string id, PropertyMap oldOutputs) =>
        op.Info($"deploy {id} is removed from the Pulumi state only: Astro keeps every deploy as history, and the Deployment keeps running its code");

    // ---- API object → outputs and inputs ----

    internal static PropertyValue GitValue(Api.DeployGit g)
    {
        // Astro sends an empty string for a field the deploy did not set.
        PropertyValue Text(string? v) => string.IsNullOrEmpty(v) ? PropertyValue.Null : Str(v);
        return Obj(("provider", Str(g.Provider.Value)), ("commitSha", Str(g.CommitSha)), ("account", Text(g.Account)), ("repo", Text(g.Repo)),
            ("remoteUrl", Text(g.RemoteUrl)), ("branch", Text(g.Branch)), ("path", Text(g.Path)), ("commitUrl", Text(g.CommitUrl)),
            ("authorName", Text(g.AuthorName)), ("authorUsername", Text(g.AuthorUsername)), ("authorUrl", Text(g.AuthorUrl)),
            ("beforeCommitSha", Text(g.BeforeCommitSha)));
    }

    private static PropertyValue BundlesValue(IReadOnlyList<Api.Bundle>? bundles) => List(bundles, b => Obj(
        ("bundleType", Str(b.BundleType)), ("deployId", Str(b.DeployId)), ("mountPath", Str(b.MountPath)),
        ("currentVersion", Str(b.CurrentVersion)), ("desiredVersion", Str(b.DesiredVersion))));

    private static LiveState LiveOf(Api.Deploy d) => new(IdOf(d.DeploymentId, d.Id), LiveInputs(d), ComputedOf(d));

    /// <summary>The computed outputs of a deploy; shared with <c>getDeploy</c>.</summary>
    internal static PropertyMap ComputedOf(Api.Deploy d) => Map(
        Kv(DeployId, Str(d.Id)), Kv(Status, Str(d.Status.Value)), Kv(DagTarballVersion, Str(d.DagTarballVersion)),
        Kv(ImageRepository, Str(d.ImageRepository)), Kv(DeployedImageTag, Str(d.ImageTag)), Kv(IsDagDeployEnabled, Bool(d.IsDagDeployEnabled)),
        Kv(Bundles, BundlesValue(d.Bundles)), Kv(RollbackFromId, Str(d.RollbackFromId)), Kv(AirflowVersion, Str(d.AirflowVersion)),
        Kv(AstroRuntimeVersion, Str(d.AstroRuntimeVersion)), Kv(CreatedAt, Str(Time(d.CreatedAt))),
        Kv(UpdatedAt, d.UpdatedAt is { } u ? Str(Time(u)) : PropertyValue.Unknown));

    /// <summary>
    /// The inputs that made this deploy, as far as Astro can say: dagsPath, contentHash and imageTag cannot come from Astro,
    /// nor can the provider-side settings, so they are Unknown (the state keeps them).
    /// </summary>
    private static PropertyMap LiveInputs(Api.Deploy d) => Map(
        Kv(DeploymentId, Str(d.DeploymentId)), Kv(TypeProp, Str(d.Type.Value)),
        Kv(Description, Str(d.Description)),
        Kv(Git, d.Git is { } g ? GitValue(g) : PropertyValue.Unknown),
        Kv(DagsPath, PropertyValue.Unknown), Kv(ContentHash, PropertyValue.Unknown), Kv(ImageTag, PropertyValue.Unknown),
        Kv(WaitForDeployment, PropertyValue.Unknown), Kv(RollbackOnFailure, PropertyValue.Unknown));
}
