"""Our IPT adherence and quality rubric: complete, and readable level by level."""

from supervision.rubric import DOMAINS, DOMAINS_BY_KEY, LEVEL_NAMES, LEVELS, descriptor


def test_it_has_six_to_eight_domains_with_unique_keys():
    assert 6 <= len(DOMAINS) <= 8
    assert len(DOMAINS_BY_KEY) == len(DOMAINS)


def test_every_domain_has_a_description_and_five_distinct_descriptors():
    for domain in DOMAINS:
        assert domain.label and domain.description
        assert len(domain.descriptors) == 5, domain.key
        assert all(text.strip() for text in domain.descriptors), domain.key
        assert len(set(domain.descriptors)) == 5, domain.key


def test_every_level_from_one_to_five_has_a_name():
    assert LEVELS == (1, 2, 3, 4, 5)
    assert set(LEVEL_NAMES) == set(LEVELS)


def test_it_reads_a_levels_descriptor_and_nothing_for_unknown_ones():
    first = DOMAINS[0]
    assert descriptor(first.key, 1) == first.descriptors[0]
    assert descriptor(first.key, 5) == first.descriptors[4]
    assert descriptor(first.key, 6) == ""
    assert descriptor("no_such_domain", 3) == ""
    assert [level for level, _, _ in first.levels] == [1, 2, 3, 4, 5]


def test_only_termination_work_may_wait_for_the_course_to_reach_it():
    assert [domain.key for domain in DOMAINS if domain.may_wait] == ["termination"]
