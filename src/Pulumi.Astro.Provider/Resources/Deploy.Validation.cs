using Pulumi.Astro.Client;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Schema;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>The Deploy's Check rules (API fact sheet §4.7, §8): per type, what must and must not be set.</summary>
public sealed partial class Deploy
{
    // ---- check ----

    protected override PropertyMap CheckRules(string name, PropertyMap olds, PropertyMap news, List<CheckFailure> failures)
    {
        void Fail(string path, string reason) => failures.Add(new CheckFailure(path, reason));

        if (S(news, Description.Name) is { Length: > MaxDescription } d)
            Fail(Description.Name, $"must be at most {MaxDescription} characters, not {d.Length}");
        if (O(news, Git.Name) is { } git) CheckGit(git, Fail);

        // A type not known yet (preview) leaves the per-type rules to the next check.
        var type = news[TypeProp.Name].Unwrapped.IsUnknown ? null : S(news, TypeProp.Name) ?? "DAG_ONLY";
        var tag = news[ImageTag.Name];
        if (ShipsImage(type) && tag.IsNull)
            Fail(ImageTag.Name, $"is required for {type} deploys: the tag under which your CI pushed the image to the Deployment's imageRepository");
        else if (type == "DAG_ONLY" && !tag.IsNull)
            Fail(ImageTag.Name, "is not allowed for DAG_ONLY deploys, which ship no image; use type IMAGE_ONLY or IMAGE_AND_DAG to ship it");
        else if (tag.Unwrapped is { Kind: PropertyKind.String } t && !AstroClient.IsValidImageTag(t.AsString))
            Fail(ImageTag.Name, $"'{t.AsString}' is not a valid image tag: 1-128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");

        var path = news[DagsPath.Name];
        if (type == "IMAGE_ONLY" && !path.IsNull)
        {
            Fail(DagsPath.Name, "is not allowed for IMAGE_ONLY deploys, which leave the Deployment's DAGs as they are; use type IMAGE_AND_DAG to ship both");
            return news;
        }
        if (path.IsNull)
        {
            if (ShipsDags(type)) Fail(DagsPath.Name, $"is required for {type} deploys: the local folder of DAG files to ship");
            return news;
        }
        // A path not known yet (preview) gives an unknown hash; the engine allows unknowns only in preview (§2.4).
        if (path.Unwrapped.IsUnknown) return news.With(ContentHash.Name, PropertyValue.Unknown);
        if (path.Unwrapped.Kind != PropertyKind.String) return news;
        var folder = DagTarball.Resolve(path.Unwrapped.AsString);
        if (!Directory.Exists(folder))
        {
            Fail(DagsPath.Name, File.Exists(folder)
                ? $"must be a folder, but {folder} is a file"
                : $"the folder {folder} does not exist (a relative dagsPath is resolved against {Directory.GetCurrentDirectory()})");
            return news;
        }
        // A hash fed back to Check (ignoreChanges: [contentHash] copies the old one into the new inputs) is kept:
        // Check(olds, Check(news)) must give the same inputs, and an ignored change ships nothing.
        if (news[ContentHash.Name].Unwrapped is { Kind: PropertyKind.String }) return news;
        // The folder is read with bounds (DagLimits): its files, sizes and kinds, and the time the read may take.
        // A limit of zero has run out before the read starts.
        using var deadline = new CancellationTokenSource(Limits.MaxCheckTime > TimeSpan.Zero ? Limits.MaxCheckTime : TimeSpan.Zero);
        string hash;
        try
        {
            var files = DagTarball.Files(folder, Limits, deadline.Token);
            if (files.Count == 0)
            {
                Fail(DagsPath.Name, $"the folder {folder} has no files to deploy ({ExclusionsDoc})");
                return news;
            }
            hash = DagTarball.Hash(files, Limits, deadline.Token);
        }
        catch (DagFolderException e)
        {
            Fail(DagsPath.Name, $"{e.Message} (in {folder})");
            return news;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Fail(DagsPath.Name, $"reading {folder} took longer than the {Waiter.FormatElapsed(Limits.MaxCheckTime)} a check may take; deploy a smaller folder");
            return news;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(DagsPath.Name, $"cannot read {folder}: {e.Message}");
            return news;
        }
        // The hash belongs to the checked inputs, so preview shows a changed folder as a replacement (issue: Diff).
        return news.With(ContentHash.Name, PropertyValue.From(hash));
    }

    /// <summary>The bounds on reading dagsPath; tests swap them for small ones.</summary>
    public DagLimits Limits { get; init; } = DagLimits.Default;

    /// <summary>CreateDeployGitRequest's provider rules (§4.7, §8).</summary>
    private static void CheckGit(PropertyMap git, Action<string, string> fail)
    {
        var provider = S(git, "provider");
        bool Set(string f) => git[f].Unwrapped is { Kind: PropertyKind.String } v && v.AsString.Length > 0 || git[f].Unwrapped.IsUnknown;
        if (provider == "GITHUB")
        {
            foreach (var f in new[] { "account", "repo" }.Where(f => !Set(f))) fail($"{Git.Name}.{f}", "is required when provider is GITHUB");
            if (Set("remoteUrl")) fail($"{Git.Name}.remoteUrl", "must be empty when provider is GITHUB; use account and repo");
        }
        else if (provider == "GENERIC")
        {
            if (!Set("remoteUrl")) fail($"{Git.Name}.remoteUrl", "is required when provider is GENERIC");
            foreach (var f in new[] { "account", "repo" }.Where(Set)) fail($"{Git.Name}.{f}", "must be empty when provider is GENERIC; use remoteUrl");
        }
    }
}
