"""Generates the eventline.v1 stubs (and google.rpc's Status and ErrorInfo) while the package is
built, into the build directory, so the wheel carries them and the source tree holds none.

Needs protoc 3.21 or later and grpc_python_plugin on PATH (Debian: protobuf-compiler,
protobuf-compiler-grpc), and the repository around this folder: build the wheel from here
(`python3 -m build --wheel --no-isolation`), not from an sdist.
"""
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CONTRACT = HERE.parent.parent / "proto" / "src" / "main" / "proto"
GOOGLEAPIS = HERE.parent / "third_party" / "googleapis"


class BuildPyWithStubs(build_py):
    def run(self):
        super().run()
        out = Path(self.build_lib)
        for generated in (out / "eventline" / "v1", out / "google"):
            shutil.rmtree(generated, ignore_errors=True)  # stubs of protos since removed
        (out / "eventline" / "v1").mkdir(parents=True)
        protos = sorted(str(p.relative_to(CONTRACT)) for p in CONTRACT.glob("eventline/v1/*.proto"))
        rpc = ["google/rpc/status.proto", "google/rpc/error_details.proto"]
        subprocess.run(
            ["protoc", f"-I{CONTRACT}", f"-I{GOOGLEAPIS}", f"--python_out={out}", f"--pyi_out={out}",
             f"--grpc_python_out={out}", f"--plugin=protoc-gen-grpc_python={shutil.which('grpc_python_plugin')}",
             *protos, *rpc],
            check=True,
        )


setup(cmdclass={"build_py": BuildPyWithStubs})
