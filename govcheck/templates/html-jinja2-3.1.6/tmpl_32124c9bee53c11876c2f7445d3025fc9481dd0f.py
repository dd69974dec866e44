from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'findings.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_d = resolve('d')
    l_0_a = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['max']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'max' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_a = environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'anchor')
    context.vars['a'] = l_0_a
    context.exported_vars.add('a')
    yield '<p class="strip-caption">'
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'strip'), 'count')))
    yield ' rules run: '
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'strip'), 'legend')))
    yield '</p><div class="strip" aria-label="one square per rule, coloured by outcome">'
    for (l_1_status, l_1_rule, l_1_tip) in environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'strip'), 'cells'):
        _loop_vars = {}
        pass
        yield '<a class="s-'
        yield escape(environment.finalize(l_1_status))
        yield '" href="#'
        yield escape(environment.finalize((undefined(name='a') if l_0_a is missing else l_0_a)))
        yield '-rule-'
        yield escape(environment.finalize(l_1_rule))
        yield '" title="'
        yield escape(environment.finalize(l_1_tip))
        yield '"></a>'
    l_1_status = l_1_rule = l_1_tip = missing
    yield '</div>'
    if environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'errors'):
        pass
        yield '<div class="rule-errors"><b>'
        yield escape(environment.finalize(t_1(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'errors'))))
        yield ' rule(s) could not be evaluated, so compliance is not established:</b><ul>'
        for l_1_o in environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'errors'):
            _loop_vars = {}
            pass
            yield '<li><a href="#'
            yield escape(environment.finalize((undefined(name='a') if l_0_a is missing else l_0_a)))
            yield '-rule-'
            yield escape(environment.finalize(environment.getattr(l_1_o, 'rule')))
            yield '"><b>'
            yield escape(environment.finalize(environment.getattr(l_1_o, 'rule')))
            yield '</b></a> '
            yield escape(environment.finalize(environment.getattr(l_1_o, 'detail')))
            yield '</li>'
        l_1_o = missing
        yield '</ul></div>'
    if (not environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'findings')):
        pass
        if environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'errors'):
            pass
            yield '<p class="muted">No findings from the rules that could be evaluated.</p>'
        else:
            pass
            yield '<p class="nothing">✓ No findings: every rule that applies is met.</p>'
    else:
        pass
        yield '<ol class="findings">'
        for l_1_f in environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'findings'):
            l_1_line = missing
            _loop_vars = {}
            pass
            l_1_line = t_2(environment, [environment.getattr(l_1_f, 'line'), 1])
            _loop_vars['line'] = l_1_line
            yield '<li class="finding '
            yield escape(environment.finalize((environment.getattr(l_1_f, 'severity') if (environment.getattr(l_1_f, 'status') == 'open') else 'muted-f')))
            yield '" data-rule="'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'rule')))
            yield '"><div class="top"><span class="pill sev-'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'severity')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'severity')))
            yield '</span><a href="#'
            yield escape(environment.finalize((undefined(name='a') if l_0_a is missing else l_0_a)))
            yield '-rule-'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'rule')))
            yield '"><b>'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'rule')))
            yield '</b></a><span class="rule-title">'
            yield escape(environment.finalize((context.call(environment.getattr(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'titles'), 'get'), environment.getattr(l_1_f, 'rule'), '', _loop_vars=_loop_vars) or environment.getattr(l_1_f, 'slug'))))
            yield '</span>'
            if (environment.getattr(l_1_f, 'status') != 'open'):
                pass
                yield ' <span class="pill o-waived">'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'status')))
                yield '</span>'
            yield '</div><p class="msg">'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'message')))
            yield '</p><dl><dt>Where</dt><dd>'
            if (not t_3(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'source'))):
                pass
                yield '<a href="#'
                yield escape(environment.finalize((undefined(name='a') if l_0_a is missing else l_0_a)))
                yield '-L'
                yield escape(environment.finalize((undefined(name='line') if l_1_line is missing else l_1_line)))
                yield '">line '
                yield escape(environment.finalize((undefined(name='line') if l_1_line is missing else l_1_line)))
                yield ', column '
                yield escape(environment.finalize(t_2(environment, [environment.getattr(l_1_f, 'column'), 1])))
                yield '</a>'
            else:
                pass
                yield 'line '
                yield escape(environment.finalize((undefined(name='line') if l_1_line is missing else l_1_line)))
                yield ', column '
                yield escape(environment.finalize(t_2(environment, [environment.getattr(l_1_f, 'column'), 1])))
            yield ' · <code>'
            yield escape(environment.finalize((environment.getattr(l_1_f, 'path') or '/')))
            yield '</code></dd>'
            if environment.getattr(l_1_f, 'waiver_reason'):
                pass
                yield '<dt>Reason</dt><dd>'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'waiver_reason')))
                yield '</dd>'
            if environment.getattr(l_1_f, 'citation'):
                pass
                yield '<dt>Source</dt><dd>'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'citation')))
                yield '</dd>'
            if environment.getattr(l_1_f, 'remediation'):
                pass
                yield '<dt>How to fix</dt><dd>'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'remediation')))
                yield '</dd>'
            yield '</dl></li>'
        l_1_f = l_1_line = missing
        yield '</ol>'

blocks = {}
debug_info = '1=31&2=35&3=53&4=72&5=74&6=83&7=134&8=139&9=144'
# Generated by `make docs` from govcheck/templates/html/findings.html.j2 with Jinja2 3.1.6: do not edit.
