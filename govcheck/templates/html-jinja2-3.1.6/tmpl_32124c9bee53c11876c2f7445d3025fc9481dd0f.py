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
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
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
        for (l_1_f, l_1_line, l_1_column, l_1_title) in environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'findings'):
            _loop_vars = {}
            pass
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
            yield escape(environment.finalize(l_1_title))
            yield '</span>'
            if (environment.getattr(l_1_f, 'status') != 'open'):
                pass
                yield ' <span class="pill o-waived">'
                yield escape(environment.finalize(environment.getattr(l_1_f, 'status')))
                yield '</span>'
            yield '</div><p class="msg">'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'message')))
            yield '</p><dl><dt>Where</dt><dd>'
            if (not t_2(environment.getattr((undefined(name='d') if l_0_d is missing else l_0_d), 'source'))):
                pass
                yield '<a href="#'
                yield escape(environment.finalize((undefined(name='a') if l_0_a is missing else l_0_a)))
                yield '-L'
                yield escape(environment.finalize(l_1_line))
                yield '">line '
                yield escape(environment.finalize(l_1_line))
                yield ', column '
                yield escape(environment.finalize(l_1_column))
                yield '</a>'
            else:
                pass
                yield 'line '
                yield escape(environment.finalize(l_1_line))
                yield ', column '
                yield escape(environment.finalize(l_1_column))
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
        l_1_f = l_1_line = l_1_column = l_1_title = missing
        yield '</ol>'

blocks = {}
debug_info = '1=25&2=29&3=47&4=66&5=68&6=77&7=125&8=130&9=135'
# Generated by `make docs` from govcheck/templates/html/findings.html.j2 with Jinja2 3.1.6: do not edit.
