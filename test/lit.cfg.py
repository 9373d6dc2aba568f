# -*- Python -*-
import os
import shutil

import lit.formats

config.name = 'resilience-tidy'
config.test_format = lit.formats.ShTest(True)
config.suffixes = ['.c', '.cpp', '.test']
config.excludes = ['Inputs', 'unit', 'fuzz', 'CMakeLists.txt', 'check_resilience.py', 'expect_exit.py', 'action-review.test.check.py']
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.binary_dir, 'lit')

config.environment['PATH'] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get('PATH', os.environ.get('PATH', ''))])
# A stray configuration in a parent directory must not change a test.
config.environment['CLANG_NO_DEFAULT_CONFIG'] = '1'

# A sanitizer build (scripts/ci-sanitizers.sh): the ASan-built plugin cannot
# load into clang-tidy-19, so the check tests run the standalone tool only,
# and the sanitizers' options reach the tool.
sanitized = lit_config.params.get('sanitized', '') not in ('', '0')
if not sanitized:
    config.available_features.add('plugin')
for var in ('ASAN_OPTIONS', 'UBSAN_OPTIONS'):
    if var in os.environ:
        config.environment[var] = os.environ[var]

checker = ' '.join([
    config.python, os.path.join(config.test_source_root, 'check_resilience.py'),
    '--clang-tidy=' + config.clang_tidy, '--plugin=' + config.plugin,
    '--standalone=' + config.standalone,
    '--filecheck=' + os.path.join(config.llvm_tools_dir, 'FileCheck'),
] + (['--only-standalone'] if sanitized else []))
config.substitutions.append(('%check_resilience', checker))
config.substitutions.append(('%resilience_tidy', config.standalone))
config.substitutions.append(('%clang_tidy', config.clang_tidy))
config.substitutions.append(('%plugin', config.plugin))
config.substitutions.append(('%python', config.python))
config.substitutions.append(('%expect_exit', config.python + ' ' + os.path.join(config.test_source_root, 'expect_exit.py')))
config.substitutions.append(('%examples', os.path.join(config.source_root, 'examples')))
config.substitutions.append(('%clang', os.path.join(config.llvm_tools_dir, 'clang')))

# The release the plugin is built for, and the clang-tidy of every other
# supported release that is installed (each must refuse the plugin).
config.substitutions.append(('%llvm_major', config.llvm_major))
# The build tree itself, for the install and packaging tests.
config.substitutions.append(('%build_root', config.build_root))
config.substitutions.append(('%cmake', config.cmake))
config.substitutions.append(('%cpack', config.cpack))
for major in ('16', '19', '22'):
    if major != config.llvm_major and shutil.which('clang-tidy-' + major):
        config.available_features.add('foreign-clang-tidy-' + major)

# Microsoft's SARIF Multitool, installed under the build directory by the
# ctest fixture 'sarif-multitool' (scripts/install-sarif-multitool.sh).
# Without it, SARIF validation steps (%if sarif-multitool) are skipped.
multitool = getattr(config, 'sarif_multitool', '')
if multitool and os.access(multitool, os.X_OK):
    config.available_features.add('sarif-multitool')
config.substitutions.append(('%unittests', getattr(config, 'unittests', '')))
config.substitutions.append(('%sarif_validate', ' '.join([
    config.python, os.path.join(config.test_source_root, 'tool', 'Inputs', 'validate_sarif.py'),
    multitool or 'sarif-multitool-missing'])))
