using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// The bounds on reading a DAG folder (<see cref="Deploy.DagsPath"/> documents them): at most
/// <see cref="MaxFileBytes"/> per file, <see cref="MaxTotalBytes"/> and <see cref="MaxFiles"/> per deploy, and, at
/// Check, <see cref="MaxCheckTime"/> to list and hash the folder. Tests swap them for small ones.
/// </summary>
public sealed record DagLimits(long MaxFileBytes, long MaxTotalBytes, int MaxFiles, TimeSpan MaxCheckTime)
{
    public static DagLimits Default { get; } = new(100L * 1024 * 1024, 1024L * 1024 * 1024, 100_000, TimeSpan.FromMinutes(2));

    /// <summary>The limits as the property docs state them.</summary>
    public static string Doc =>
        $"{Default.MaxFileBytes / (1024 * 1024)} MiB per file, {Default.MaxTotalBytes / (1024 * 1024 * 1024)} GiB and " +
        $"{Default.MaxFiles.ToString("N0", CultureInfo.InvariantCulture)} files per deploy, and {Default.MaxCheckTime.TotalMinutes:0} minutes to read the folder at each check";
}

/// <summary>The DAG folder breaks a rule: the message names the file and the rule, for a Check failure on dagsPath.</summary>
public sealed class DagFolderException(string message) : Exception(message);

/// <summary>
/// Packs a DAG folder as the CLI does (API fact sheet §7.4: a gzip tarball with entries under <c>dags/</c>), but
/// deterministically: entries sorted by ordinal path, parents before children, fixed times, modes and owner ids 0, and a
/// gzip header without time or OS. So the same files always give the same bytes and the same hash, and a change of a
/// file's time on disk alone never ships a deploy.
/// </summary>
/// <remarks>
/// The folder is read with bounds (<see cref="DagLimits"/>): only regular files and folders are packed; a named pipe,
/// socket or device is refused without being opened (opening a pipe would wait for a writer forever); a symbolic link is
/// followed only when its target lies inside the folder (a link to a file is packed as that file, a link to a folder
/// is skipped, so a link cannot loop), and a link that leaves the folder or leads nowhere is refused. Files are
/// streamed: the hash is computed while the tar is written, and the gzip goes to a temporary file, so memory does not
/// grow with the folder.
/// </remarks>
public static class DagTarball
{
    /// <summary>Every entry's time: 1980-01-01, the usual fixed time of reproducible archives (tools warn about 1970).</summary>
    public static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const string Prefix = "dags/";

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "__pycache__", ".git" };

    /// <summary>The folder a relative dagsPath names: the process's working directory is the program's (protocol fact sheet §1.1).</summary>
    public static string Resolve(string dagsPath) => Path.GetFullPath(dagsPath, Directory.GetCurrentDirectory());

    /// <summary>
    /// The files to pack, as (entry name under <c>dags/</c>, full path of the content), sorted by entry name; see
    /// <see cref="Deploy.ExclusionsDoc"/>. Throws <see cref="DagFolderException"/> when the folder breaks a rule.
    /// </summary>
    public static IReadOnlyList<(string Name, string Path)> Files(string folder, DagLimits? limits = null, CancellationToken cancellation = default)
    {
        limits ??= DagLimits.Default;
        var root = FileKinds.RealPath(folder) ?? throw new DagFolderException($"the folder {folder} does not exist");
        var files = new List<(string, string)>();
        long total = 0;
        Walk(root, root, "", files, ref total, limits, cancellation);
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    private static void Walk(string root, string dir, string relative, List<(string, string)> files, ref long total, DagLimits limits, CancellationToken cancellation)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            cancellation.ThrowIfCancellationRequested();
            var name = Path.GetFileName(entry);
            var shown = relative + name;
            var kind = FileKinds.Of(entry);
            var content = entry;
            if (kind == FileKind.SymbolicLink)
            {
                var target = FileKinds.RealPath(entry);
                if (target is null)
                    throw new DagFolderException($"{shown} is a symbolic link that leads nowhere (its target does not exist, or the links loop)");
                if (!Inside(root, target))
                    throw new DagFolderException($"{shown} is a symbolic link to {target}, outside the folder; only links to files inside the folder are followed");
                kind = FileKinds.Of(target);
                // A link to a folder inside is skipped: the folder is packed where it is, and a link cannot loop.
                if (kind == FileKind.Directory) continue;
                content = target;
            }
            switch (kind)
            {
                case FileKind.Directory:
                    if (SkippedFolders.Contains(name)) continue;
                    Walk(root, entry, shown + "/", files, ref total, limits, cancellation);
                    break;
                case FileKind.Regular:
                    if (name == ".git" || name.EndsWith(".pyc", StringComparison.Ordinal)) continue;
                    var size = new FileInfo(content).Length;
                    if (size > limits.MaxFileBytes)
                        throw new DagFolderException($"{shown} has {Bytes(size)}, more than the {Bytes(limits.MaxFileBytes)} a file may have");
                    total += size;
                    if (total > limits.MaxTotalBytes)
                        throw new DagFolderException($"the files hold more than the {Bytes(limits.MaxTotalBytes)} a deploy may have (reached at {shown})");
                    files.Add((shown, content));
                    if (files.Count > limits.MaxFiles)
                        throw new DagFolderException($"the folder holds more than the {limits.MaxFiles.ToString("N0", CultureInfo.InvariantCulture)} files a deploy may have");
                    break;
                case FileKind.Missing:
                    continue; // deleted while we listed the folder
                default:
                    throw new DagFolderException($"{shown} is {FileKinds.Describe(kind)}; only regular files and folders can be deployed");
            }
        }
    }

    private static bool Inside(string root, string path) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static string Bytes(long n) => n >= 1024 * 1024
        ? (n / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : n.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>Writes the uncompressed tar of <paramref name="files"/>: directories (only those holding files) and files, in order.</summary>
    public static void WriteTar(IReadOnlyList<(string Name, string Path)> files, Stream output, DagLimits? limits = null, CancellationToken cancellation = default)
    {
        limits ??= DagLimits.Default;
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, path) in files)
        {
            cancellation.ThrowIfCancellationRequested();
            var parts = (Prefix + name).Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                var dir = string.Join('/', parts[..i]) + "/";
                if (written.Add(dir)) writer.WriteEntry(Entry(TarEntryType.Directory, dir, DirectoryMode));
            }
            // Listed as a regular file; it must still be one (not swapped for a pipe since), and within the limit.
            if (FileKinds.Of(path) != FileKind.Regular) throw new DagFolderException($"{name} changed while the folder was read; run again");
            var file = Entry(TarEntryType.RegularFile, Prefix + name, FileMode);
            using var data = new FileStream(path, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            if (data.Length > limits.MaxFileBytes)
                throw new DagFolderException($"{name} has {Bytes(data.Length)}, more than the {Bytes(limits.MaxFileBytes)} a file may have");
            file.DataStream = data;
            writer.WriteEntry(file);
        }
    }

    /// <summary>The uncompressed tar of <paramref name="files"/> in memory (small folders and tests).</summary>
    public static byte[] Tar(IReadOnlyList<(string Name, string Path)> files)
    {
        using var buffer = new MemoryStream();
        WriteTar(files, buffer);
        return buffer.ToArray();
    }

    private static GnuTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        ModificationTime = FixedTime,
        AccessTime = FixedTime,
        ChangeTime = FixedTime,
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
    };

    /// <summary><c>sha256:</c> and the hex digest of the uncompressed tar: the same files give the same hash whatever the compressor.</summary>
    public static string Hash(byte[] tar) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar));

    /// <summary>The hash of the folder's tar, streamed: the tar is never held whole.</summary>
    public static string Hash(IReadOnlyList<(string Name, string Path)> files, DagLimits? limits = null, CancellationToken cancellation = default)
    {
        using var hashing = new HashingStream(Stream.Null);
        WriteTar(files, hashing, limits, cancellation);
        return hashing.Hash;
    }

    /// <summary>
    /// Gzips a tar. The header's MTIME is zero and its XFL and OS bytes are fixed (RFC 1952 §2.3: OS 255 = unknown),
    /// since zlib writes the OS it was built for.
    /// </summary>
    public static byte[] Gzip(byte[] tar)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(tar);
        FixGzipHeader(buffer);
        return buffer.ToArray();
    }

    private static void FixGzipHeader(Stream gzip)
    {
        Span<byte> header = stackalloc byte[10];
        gzip.Position = 0;
        gzip.ReadExactly(header);
        // A plain 10-byte header: magic, CM=8 (deflate), FLG=0 (no name, comment or header CRC to move the rest).
        if (gzip.Length < 18 || header[0] != 0x1f || header[1] != 0x8b || header[2] != 8 || header[3] != 0)
            throw new InvalidOperationException("GZipStream wrote an unexpected gzip header");
        header[4..8].Clear();
        header[8] = 0;
        header[9] = 255;
        gzip.Position = 0;
        gzip.Write(header);
        gzip.Position = gzip.Length;
    }

    /// <summary>The packed folder: its files, the gzip in a temporary file (deleted on dispose), and the content hash.</summary>
    public sealed record Packed(IReadOnlyList<(string Name, string Path)> Files, string GzipFile, long GzipLength, string Hash) : IDisposable
    {
        /// <summary>The gzip bytes (tests and small folders).</summary>
        public byte[] Gzip => File.ReadAllBytes(GzipFile);

        public Stream OpenGzip() => new FileStream(GzipFile, System.IO.FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);

        public void Dispose() => File.Delete(GzipFile);
    }

    /// <summary>Packs a folder into a temporary gzip file, hashing the tar as it is written.</summary>
    public static Packed Pack(string folder, DagLimits? limits = null, CancellationToken cancellation = default)
    {
        var files = Files(folder, limits, cancellation);
        var path = Path.Combine(Path.GetTempPath(), $"pulumi-astro-dags-{Guid.NewGuid():N}.tar.gz");
        try
        {
            using var output = new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920);
            string hash;
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            using (var hashing = new HashingStream(gzip))
            {
                WriteTar(files, hashing, limits, cancellation);
                hashing.Flush();
                hash = hashing.Hash;
            }
            FixGzipHeader(output);
            return new Packed(files, path, output.Length, hash);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>A write-only stream that hashes (SHA-256) what passes through it on its way to an inner stream.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public string Hash => "sha256:" + Convert.ToHexStringLower(_sha.GetCurrentHash());

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _sha.AppendData(buffer);
            inner.Write(buffer);
            _length += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _sha.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>What a directory entry is, from lstat: never opened to find out.</summary>
public enum FileKind { Missing, Regular, Directory, SymbolicLink, Fifo, Socket, CharacterDevice, BlockDevice, Other }

/// <summary>
/// File types and symbolic link resolution. .NET has no public API for a file's Unix type (dotnet/runtime issue
/// 85148), so <see cref="Of"/> calls lstat through .NET's own native shim, System.Native, as the framework itself does
/// (its <c>FileStatus</c> begins <c>int Flags; int Mode</c>, the mode in the portable S_IF* values). Windows has no
/// special files: there it answers from the file attributes.
/// </summary>
public static class FileKinds
{
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path)) return FileKind.Missing;
            return info.LinkTarget is not null ? FileKind.SymbolicLink : info.Attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory : FileKind.Regular;
        }
        if (LStat(path, out var status) != 0) return FileKind.Missing;
        return (status.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Other,
        };
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        _ => "a special file",
    };

    /// <summary>The path with every symbolic link resolved, as realpath(3) gives it; null when a part is missing or the links loop.</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var full = Path.GetFullPath(path);
            return Path.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : null;
        }
        var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = "/";
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }
            var candidate = Path.Join(resolved, part);
            var kind = Of(candidate);
            if (kind == FileKind.Missing) return null;
            if (kind != FileKind.SymbolicLink)
            {
                resolved = candidate;
                continue;
            }
            // POSIX allows 40 hops (SYMLOOP_MAX on Linux); more means a loop.
            if (++hops > 40) return null;
            var target = new FileInfo(candidate).LinkTarget!;
            if (Path.IsPathRooted(target)) resolved = "/";
            foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(p);
        }
        return resolved;
    }
}
