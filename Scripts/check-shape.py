#!/usr/bin/env python3
"""Checks the shape rules of Documentation/Conventions.md on Swift sources.

- no function, initialiser, accessor or closure-bodied declaration longer than 80 lines
  (counted from the line of `func`/`init` to its closing brace), outside generated tables;
- no tuple of more than 4 elements in a function's return type.

Usage: Scripts/check-shape.py [paths...]   (default: Sources Examples/Sources)
Exit status 1 and one line per violation when a rule is broken. A file whose first line contains
`// generated` is skipped.
"""
import os
import re
import sys

MAX_LINES = 80
MAX_TUPLE = 4
DECL = re.compile(r'^\s*(?:@[\w()]+\s+)*(?:(?:public|internal|private|fileprivate|package|open|static|final|'
                  r'override|mutating|nonmutating|@inlinable|@usableFromInline|convenience|required|'
                  r'nonisolated|consuming|borrowing)\s+)*(func\s+[^\s(<]+|init[?!]?|subscript|deinit)\b')

NO_BODY = re.compile(r'^\s*($|}|@|(public|internal|private|fileprivate|package|var|let|func|case|init|static|'
                     r'mutating|associatedtype|typealias|subscript|deinit)\b)')


def strip(line, state):
    """Removes string literals and comments; `state` tracks block comments and multi-line strings."""
    out = []
    i = 0
    while i < len(line):
        if state['block']:
            j = line.find('*/', i)
            if j < 0:
                return ''.join(out)
            state['block'] = False
            i = j + 2
            continue
        if state['multi']:
            j = line.find('"""', i)
            if j < 0:
                return ''.join(out)
            state['multi'] = False
            i = j + 3
            continue
        c = line[i]
        if line.startswith('//', i):
            break
        if line.startswith('/*', i):
            state['block'] = True
            i += 2
            continue
        if line.startswith('"""', i):
            state['multi'] = True
            i += 3
            continue
        if c == '"':
            j = i + 1
            while j < len(line) and line[j] != '"':
                j += 2 if line[j] == '\\' else 1
            i = j + 1
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def tuple_width(signature):
    """Largest tuple arity in the return type after `->`."""
    if '->' not in signature:
        return 0
    ret = signature.split('->', 1)[1]
    best = 0
    stack = []
    for c in ret:
        if c == '(':
            stack.append(1)
        elif c == ',' and stack:
            stack[-1] += 1
        elif c == ')' and stack:
            best = max(best, stack.pop())
        elif c in '<[' :
            stack.append(-10_000)
        elif c in '>]' and stack:
            stack.pop()
    return best


def check(path):
    problems = []
    with open(path, encoding='utf-8') as handle:
        lines = handle.read().split('\n')
    if lines and 'generated' in lines[0].lower():
        return problems
    state = {'block': False, 'multi': False}
    code = [strip(line, state) for line in lines]
    for index, text in enumerate(code):
        match = DECL.match(text)
        if not match:
            continue
        # Collect the signature up to the opening brace.
        depth = 0
        signature = ''
        start = None
        j = index
        while j < len(code):
            part = code[j]
            if '{' in part:
                signature += part[:part.index('{')]
                start = j
                break
            signature += part + ' '
            j += 1
            if j < len(code) and NO_BODY.match(code[j]) and signature.count('(') <= signature.count(')'):
                break  # a protocol requirement or other declaration without a body
        if tuple_width(signature) > MAX_TUPLE:
            problems.append(f'{path}:{index + 1}: return type has a tuple of more than {MAX_TUPLE} elements')
        if start is None:
            continue
        depth = 0
        end = None
        for k in range(start, len(code)):
            for c in code[k] if k != start else code[k][code[k].index('{'):]:
                if c == '{':
                    depth += 1
                elif c == '}':
                    depth -= 1
                    if depth == 0:
                        end = k
                        break
            if end is not None:
                break
        if end is not None and end - index + 1 > MAX_LINES:
            problems.append(f'{path}:{index + 1}: {match.group(1)} is {end - index + 1} lines (limit {MAX_LINES})')
    return problems


def main():
    roots = sys.argv[1:] or ['Sources', 'Examples/Sources']
    problems = []
    for root in roots:
        if os.path.isfile(root):
            problems += check(root)
            continue
        for folder, _, files in os.walk(root):
            if '.build' in folder:
                continue
            for name in sorted(files):
                if name.endswith('.swift'):
                    problems += check(os.path.join(folder, name))
    for problem in problems:
        print(problem)
    if problems:
        print(f'check-shape: {len(problems)} problem(s)')
        sys.exit(1)
    print('check-shape: clean')


if __name__ == '__main__':
    main()
